//! Vietnamese stop words for relatedness scoring.

/// Common Vietnamese function words (conjunctions, prepositions, particles,
/// pronouns, quantifiers, aspect and modal words), in **folded** form
/// ([`crate::fold`]), sorted, one syllable each.
///
/// Folding merges syllables that differ only in diacritics, so a folded stop
/// word also removes its homographs: "la" is "là" but also "lá". A form is
/// listed only when its common readings are function words or carry no
/// topic; it is left out when one reading is a key term of this field, even
/// if another reading is a function word:
/// "dang" (đang / **Đảng**), "van" (vẫn / dân **vận**), "ban" (bạn /
/// **Ban** Dân vận), "can" (cần / **cán** bộ), "chu" (chứ / **chủ** tịch),
/// "chi" (chỉ / **chi** bộ), "minh" (mình / Hồ Chí **Minh**), "ho" (họ /
/// **hộ**), "dan" (**dân**), "xa" (xa / **xã**), "hoi" (hỏi / **Hội**),
/// "so" (số / **Sở**), "vien" (đoàn **viên**), "thanh" (**thành** phố),
/// "cuoc" (**Cuộc** vận động), "dong" (đồng bào, vận động).
/// "thi" is listed although it is also "thi" of *thi đua*: its other readings
/// (thì, and thị in nearly every woman's name) make it carry no topic.
pub const STOP_WORDS: &[&str] = &[
    "a", "ai", "ay", "bang", "ben", "bi", "boi", "ca", "cac", "cang", "chang", "chiec", "cho",
    "chung", "co", "con", "cua", "cung", "da", "day", "de", "den", "deu", "do", "duoc", "duoi",
    "gi", "gio", "giua", "hau", "hay", "het", "hoac", "hon", "it", "kha", "khac", "khi", "khong",
    "kia", "la", "lai", "lan", "len", "luc", "luon", "ma", "mac", "moi", "mot", "nao", "nay", "nen",
    "neu", "ngay", "ngoai", "nham", "nhat", "nhau", "nhieu", "nhu", "nhung", "no", "nua", "o",
    "oi", "phai", "phia", "qua", "ra", "rang", "rat", "rieng", "roi", "sao", "sap", "sau", "se",
    "su", "ta", "tai", "tat", "the", "them", "theo", "thi", "toi", "tren", "trong", "truoc", "tu",
    "tuc", "tung", "tuy", "va", "vao", "vay", "ve", "vi", "voi", "vua", "xuong",
];

/// True when `folded` (one token already passed through [`crate::fold`]) is
/// in [`STOP_WORDS`]. Unfolded input is not folded here: "và" is `false`,
/// "va" is `true`.
pub fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.binary_search(&folded).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold;

    #[test]
    fn list_is_sorted_unique_folded() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        for w in STOP_WORDS {
            assert_eq!(fold(w), *w);
            assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
        }
        assert!((80..=150).contains(&STOP_WORDS.len()), "{}", STOP_WORDS.len());
    }

    #[test]
    fn function_words_are_stop_words() {
        for w in ["và", "của", "các", "những", "được", "trong", "với", "cho", "là", "có", "một", "này", "đó", "để", "tại", "theo", "từ", "về", "đã", "sẽ", "thì", "mà"] {
            assert!(is_stop_word(&fold(w)), "{w}");
        }
        assert!(!is_stop_word("và"));
    }

    #[test]
    fn field_terms_are_not_stop_words() {
        for w in ["Đảng", "vận", "Ban", "cán", "chủ", "chi", "Minh", "hộ", "dân", "xã", "Hội", "Sở", "viên", "thành", "Cuộc", "động", "khéo", "thường"] {
            assert!(!is_stop_word(&fold(w)), "{w}");
        }
    }
}
