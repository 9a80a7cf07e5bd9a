//! Posted forms as ordered `(name, value)` pairs (repeated names kept).

/// The fields of a posted form, keeping repeated names in order.
pub struct FormFields(pub Vec<(String, String)>);

impl FormFields {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or("").to_owned()
    }
    pub fn opt(&self, name: &str) -> Option<String> {
        self.get(name).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
    }
    pub fn id(&self, name: &str) -> Option<i32> {
        self.get(name).and_then(|s| s.trim().parse().ok()).filter(|n: &i32| *n > 0)
    }
}

