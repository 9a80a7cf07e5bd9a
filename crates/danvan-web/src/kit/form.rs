//! Posted forms as ordered `(name, value)` pairs (repeated names kept).

use danvan_domain::ErrorCode;

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


/// A file sent in a multipart form: the field it came in, the name the
/// sender's device gave, its bytes.
pub struct PostedFile {
    pub field: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A posted form that may carry files: `multipart/form-data` (its text
/// fields and its files; an empty file input, sent with no name and no
/// bytes, is dropped) or `application/x-www-form-urlencoded` (no files), so
/// one handler takes both the browser's upload form and a plain client.
///
/// Rejections: [`ErrorCode::TooLarge`] (413) when the body is over the
/// route's limit; [`ErrorCode::BadRequest`] for a body that is not a
/// form; [`ErrorCode::InvalidInput`] (400) for a text field holding a
/// control character (NUL, C0 other than tab and line ends, C1), as the
/// input boundary refuses them in a url-encoded form.
pub struct Posted {
    pub fields: FormFields,
    pub files: Vec<PostedFile>,
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> crate::AppError {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        crate::AppError::new(ErrorCode::TooLarge)
    } else {
        crate::AppError::new(ErrorCode::BadRequest)
    }
}

impl<S: Send + Sync> axum::extract::FromRequest<S> for Posted {
    type Rejection = crate::AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_multipart = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"));
        if !is_multipart {
            let axum::Form(pairs) = axum::Form::<Vec<(String, String)>>::from_request(req, state).await.map_err(|e| {
                if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE { crate::AppError::new(ErrorCode::TooLarge) } else { crate::AppError::new(ErrorCode::BadRequest) }
            })?;
            return Ok(Posted { fields: FormFields(pairs), files: Vec::new() });
        }
        let mut mp = axum::extract::Multipart::from_request(req, state).await.map_err(|_| crate::AppError::new(ErrorCode::BadRequest))?;
        let mut pairs = Vec::new();
        let mut files = Vec::new();
        while let Some(field) = mp.next_field().await.map_err(multipart_error)? {
            let name = field.name().unwrap_or("").to_owned();
            match field.file_name().map(str::to_owned) {
                Some(file_name) => {
                    let bytes = field.bytes().await.map_err(multipart_error)?.to_vec();
                    if !(file_name.is_empty() && bytes.is_empty()) {
                        files.push(PostedFile { field: name, file_name: danvan_text::strip_control_chars(&file_name).chars().take(200).collect(), bytes });
                    }
                }
                None => {
                    let value = field.text().await.map_err(multipart_error)?;
                    // the same boundary as a url-encoded form's (kit::input)
                    if danvan_text::has_control_chars(&value) {
                        return Err(crate::AppError::new(ErrorCode::InvalidInput));
                    }
                    pairs.push((name, value));
                }
            }
        }
        Ok(Posted { fields: FormFields(pairs), files })
    }
}
