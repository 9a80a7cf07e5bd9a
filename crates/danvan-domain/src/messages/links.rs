//! Messages of articles linked to registry records and of records in site
//! search (see [`super::CATALOGUE`]): `(key, Vietnamese, English)`.

pub(super) static ENTRIES: &[(&str, &str, &str)] = &[
    // a refused reference: "«item»: reason"
    ("registry.link.problem", "«{item}»: {reason}", "“{item}”: {reason}"),
    ("registry.link.ref_invalid", "không đọc được; ghi số của mô hình (như #12) hoặc đơn vị/mã (như dang-uy-xa-mau-son/MH-01).", "cannot be read; write the record's number (such as #12) or unit/code (such as dang-uy-xa-mau-son/MH-01)."),
    ("registry.link.too_many", "vượt quá số mô hình gắn được với một bài viết (tối đa 30).", "more records than one article may be linked to (at most 30)."),
    ("registry.link.unit_unknown", "không có đơn vị nào với tên này.", "no unit has this name."),
    ("registry.link.unit_ambiguous", "nhiều đơn vị cùng tên này; hãy dùng số của mô hình (#…).", "several units have this name; use the record's number (#…)."),
    ("registry.link.not_found", "không có mô hình, điển hình nào với số hoặc mã này.", "no record has this number or code."),
    ("registry.link.forbidden", "mô hình này ngoài phạm vi bạn được xem.", "this record is outside what you may see."),
    ("registry.link.invalid", "Có mô hình chưa gắn được, bài viết chưa được lưu:", "Some records could not be linked; the article was not saved:"),
    // the editor
    ("admin.editor.models", "Mô hình, điển hình liên quan", "Related models and exemplars"),
    ("admin.editor.models_add", "Gắn thêm mô hình", "Link more records"),
    ("admin.editor.models_hint", "Mỗi mô hình một dòng hoặc cách nhau bằng dấu phẩy: số của mô hình (#12, ghi ở trang của mô hình) hoặc đơn vị/mã (dang-uy-xa-mau-son/MH-01).", "One record per line or separated by commas: the record's number (#12, shown on its page) or unit/code (dang-uy-xa-mau-son/MH-01)."),
    ("admin.editor.models_none", "Bài viết chưa gắn với mô hình nào.", "The article is linked to no record."),
    ("admin.editor.model_remove", "Bỏ", "Remove"),
    ("admin.editor.models_hidden", "{count} mô hình khác ngoài phạm vi bạn được xem vẫn được giữ.", "{count} other records outside what you may see stay linked."),
    ("admin.editor.models_no_right", "Cần quyền xem sổ mô hình, điển hình để gắn mô hình với bài viết.", "Linking records needs the right to see the registry."),
    // the pages
    ("article.models", "Mô hình, điển hình liên quan", "Related models and exemplars"),
    ("registry.record.articles", "Bài viết về mô hình", "Articles about this record"),
    ("admin.registry.articles", "Bài viết về mô hình", "Articles about this record"),
    ("admin.registry.no_articles", "Chưa có bài viết nào gắn với mô hình này.", "No article is linked to this record yet."),
    ("admin.registry.reference", "Mã tham chiếu (để gắn bài viết)", "Reference (to link articles)"),
    // search
    ("search.kind_models", "Mô hình, điển hình", "Models and exemplars"),
    ("search.model", "Mô hình, điển hình “Dân vận khéo”", "“Dân vận khéo” model or exemplar"),
    // the audit log
    ("audit.article.model_link", "Gắn mô hình {model}", "Linked to the record {model}"),
    ("audit.article.model_unlink", "Bỏ gắn mô hình {model}", "Unlinked from the record {model}"),
];
