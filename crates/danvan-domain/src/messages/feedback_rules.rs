//! The feedback desk's rules' messages: tracking codes (their refusals and
//! how each symbol is read over the phone), the masks of redacted personal
//! data, and the statistics' labels.

use super::Entry;

pub(super) const ENTRIES: &[Entry] = &[
    ("feedback.code.length", "Mã phản ánh gồm chữ PA và 9 ký tự, ví dụ PA-7K3-MQ9-XHC.", "A tracking code is PA and 9 characters, e.g. PA-7K3-MQ9-XHC."),
    (
        "feedback.code.symbol",
        "Mã phản ánh có ký tự không dùng trong mã. Mã không có chữ O, I, L, Z, S, B, U, V và số 0, 1, 2, 5, 8; nếu đang bật bộ gõ tiếng Việt, hãy tắt đi rồi nhập lại.",
        "The tracking code has a character codes never use. Codes have no O, I, L, Z, S, B, U, V and no 0, 1, 2, 5, 8; if a Vietnamese keyboard is on, switch it off and type the code again.",
    ),
    ("feedback.code.check", "Mã phản ánh không đúng; hãy kiểm tra lại từng ký tự trên phiếu tiếp nhận.", "This tracking code is not right; check each character against the receipt."),
    ("feedback.code.say.3", "số ba", "three"),
    ("feedback.code.say.4", "số bốn", "four"),
    ("feedback.code.say.6", "số sáu", "six"),
    ("feedback.code.say.7", "số bảy", "seven"),
    ("feedback.code.say.9", "số chín", "nine"),
    ("feedback.code.say.a", "a – An", "Alfa"),
    ("feedback.code.say.c", "xê – Cường", "Charlie"),
    ("feedback.code.say.d", "dê – Dung", "Delta"),
    ("feedback.code.say.e", "e – Em", "Echo"),
    ("feedback.code.say.f", "ép (chữ F)", "Foxtrot"),
    ("feedback.code.say.g", "giê – Giang", "Golf"),
    ("feedback.code.say.h", "hát – Hà", "Hotel"),
    ("feedback.code.say.j", "gi (chữ J)", "Juliett"),
    ("feedback.code.say.k", "ca – Kiên", "Kilo"),
    ("feedback.code.say.m", "em-mờ – Mai", "Mike"),
    ("feedback.code.say.n", "en-nờ – Nam", "November"),
    ("feedback.code.say.p", "pê – Pin", "Papa"),
    ("feedback.code.say.q", "quy – Quang", "Quebec"),
    ("feedback.code.say.r", "e-rờ – Rừng", "Romeo"),
    ("feedback.code.say.t", "tê – Tâm", "Tango"),
    ("feedback.code.say.w", "vê kép (chữ W)", "Whiskey"),
    ("feedback.code.say.x", "ích-xì – Xuân", "X-ray"),
    ("feedback.code.say.y", "i dài – Yến", "Yankee"),
    ("feedback.redacted.name", "[họ tên đã ẩn]", "[name removed]"),
    ("feedback.redacted.phone", "[số điện thoại đã ẩn]", "[phone number removed]"),
    ("feedback.redacted.email", "[thư điện tử đã ẩn]", "[e-mail removed]"),
    ("feedback.redacted.id_number", "[số định danh đã ẩn]", "[ID number removed]"),
    ("feedback.stats.too_few", "chưa xếp hạng (dưới {min} phản ánh)", "not ranked (fewer than {min} items)"),
    ("feedback.stats.no_rate", "chưa có số liệu", "no figures yet"),
];
