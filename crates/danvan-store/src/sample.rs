//! The first start of a new data folder: the site row, the first
//! administrator and, unless asked not to, a small sample site that we wrote
//! ourselves (every sample row has `is_sample = true` and pages mark it).

use crate::entity::{article, category, org_unit, site, user_account, video_clip};
use crate::views::escape_html;
use danvan_domain::editorial::ArticleStatus;
use crate::{Store, StoreResult, now};
use danvan_domain::accounts::{generate_password, hash_password, random_secret};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};

/// What the first start created; the password is shown once and never stored
/// in clear.
#[derive(Debug, Clone)]
pub struct SampleSite {
    pub admin_username: String,
    pub admin_password: String,
}

const CATEGORIES: &[(&str, &str, &str)] = &[
    ("tin-tuc-su-kien", "Tin tức - Sự kiện", "Tin hoạt động công tác dân vận trên địa bàn."),
    ("dan-van-kheo", "Dân vận khéo", "Mô hình, điển hình trong phong trào thi đua “Dân vận khéo”."),
    ("doi-thoai-voi-nhan-dan", "Đối thoại với Nhân dân", "Tiếp xúc, đối thoại và trả lời phản ánh, kiến nghị."),
    ("van-ban-chi-dao", "Văn bản chỉ đạo", "Kế hoạch, chỉ thị, hướng dẫn về công tác dân vận."),
];

/// A sample article: (category index, title, lead, paragraphs, byline,
/// hours ago).
type SampleArticle = (usize, &'static str, &'static str, &'static [&'static str], &'static str, i64);

const ARTICLES: &[SampleArticle] = &[
    (
        0,
        "Xã Mẫu Sơn tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân",
        "Bài mẫu: nội dung minh họa do danvan tạo ra, không phải tin thật.",
        &[
            "Sáng nay, Đảng ủy xã Mẫu Sơn tổ chức hội nghị đối thoại giữa Bí thư Đảng ủy với hơn 120 hộ dân của ba thôn về việc mở rộng đường liên thôn.",
            "Tại hội nghị, bà con nêu 14 ý kiến, tập trung vào tiến độ giải phóng mặt bằng, hỗ trợ di dời cây trồng và việc bảo đảm lối đi trong thời gian thi công.",
            "Các ý kiến thuộc thẩm quyền đã được trả lời ngay; những nội dung cần xác minh được giao cho bộ phận chuyên môn trả lời bằng văn bản trong 15 ngày làm việc.",
        ],
        "Bài, ảnh: Ban biên tập (mẫu)",
        3,
    ),
    (
        1,
        "Mô hình “Tổ tự quản đường làng sáng – xanh – sạch” lan tỏa ở thôn Đồng Mẫu",
        "Bài mẫu: nội dung minh họa do danvan tạo ra, không phải tin thật.",
        &[
            "Ra mắt từ đầu năm, mô hình do Chi hội Phụ nữ thôn Đồng Mẫu chủ trì đã vận động 86 hộ tham gia trồng hoa, lắp đèn chiếu sáng và dọn vệ sinh đường làng vào sáng Chủ nhật hằng tuần.",
            "Sau sáu tháng, thôn có thêm 2,4 km đường được chiếu sáng; chi phí do Nhân dân đóng góp và ngày công tự nguyện.",
            "Mô hình được đăng ký trong lĩnh vực văn hóa - xã hội và đang được ba thôn khác học tập, nhân rộng.",
        ],
        "Bài: Tổ Thông tin (mẫu)",
        26,
    ),
    (
        1,
        "Điển hình “Dân vận khéo”: người cựu chiến binh hiến đất làm đường",
        "Bài mẫu: nội dung minh họa do danvan tạo ra, không phải tin thật.",
        &[
            "Ông Lê Văn Mẫu, hội viên Hội Cựu chiến binh xã, đã tự nguyện hiến 320 m² đất vườn để mở rộng đường vào khu sản xuất.",
            "Từ việc làm của ông, 17 hộ khác trong xóm cùng hiến đất, giúp con đường hoàn thành sớm hai tháng so với kế hoạch.",
        ],
        "Bài, ảnh: Ban biên tập (mẫu)",
        50,
    ),
    (
        2,
        "Trả lời kiến nghị của cử tri về nước sạch sinh hoạt",
        "Bài mẫu: nội dung minh họa do danvan tạo ra, không phải tin thật.",
        &[
            "Tiếp nhận phản ánh qua đường dây nóng về tình trạng thiếu nước sạch vào mùa khô, Ủy ban nhân dân xã đã phối hợp với đơn vị cấp nước kiểm tra hiện trường.",
            "Đơn vị cấp nước cam kết hoàn thành nâng cấp trạm bơm trong quý tới; trong thời gian chờ, xã bố trí xe chở nước đến các hộ bị ảnh hưởng.",
        ],
        "Bài: Bộ phận Tiếp dân (mẫu)",
        75,
    ),
    (
        3,
        "Kế hoạch mẫu về thực hiện phong trào thi đua “Dân vận khéo” năm nay",
        "Bài mẫu: nội dung minh họa do danvan tạo ra, không phải tin thật.",
        &[
            "Ban Thường vụ Đảng ủy ban hành kế hoạch thực hiện phong trào thi đua “Dân vận khéo”, yêu cầu mỗi chi bộ đăng ký ít nhất một mô hình trên một trong bốn lĩnh vực: kinh tế; văn hóa - xã hội; quốc phòng - an ninh; xây dựng hệ thống chính trị.",
            "Việc sơ kết được tổ chức vào tháng 6, tổng kết vào tháng 12; các mô hình hiệu quả được đề xuất khen thưởng và nhân rộng.",
        ],
        "Văn phòng Đảng ủy (mẫu)",
        100,
    ),
];

const ORG_UNITS: &[(Option<usize>, &str, &str)] = &[
    (None, "Tỉnh ủy Mẫu (mẫu)", "province"),
    (Some(0), "Ban Tuyên giáo và Dân vận Tỉnh ủy", "agency"),
    (Some(0), "Đảng ủy xã Mẫu Sơn", "commune"),
    (Some(2), "Ủy ban Mặt trận Tổ quốc Việt Nam xã Mẫu Sơn", "mass_organisation"),
    (Some(2), "Hội Nông dân xã Mẫu Sơn", "mass_organisation"),
    (Some(2), "Hội Liên hiệp Phụ nữ xã Mẫu Sơn", "mass_organisation"),
    (Some(2), "Đoàn Thanh niên xã Mẫu Sơn", "mass_organisation"),
    (Some(2), "Hội Cựu chiến binh xã Mẫu Sơn", "mass_organisation"),
];

/// Creates the site on a new database. Does nothing and returns `None` when
/// the site exists already. With `with_samples` false only the site row and
/// the administrator are created (`danvan serve --no-sample`).
pub async fn bootstrap_site(store: &Store, with_samples: bool) -> StoreResult<Option<SampleSite>> {
    let tx = store.begin_write().await?;
    if site::Entity::find().count(&tx).await? > 0 {
        return Ok(None);
    }
    let t = now();
    let mut samples = Vec::new();
    site::ActiveModel {
        name: Set(if with_samples { "Cổng thông tin Dân vận (mẫu)" } else { "Cổng thông tin Dân vận" }.to_owned()),
        tagline: Set("Công tác dân vận – gần dân, trọng dân, hiểu dân, học dân và có trách nhiệm với Nhân dân".to_owned()),
        address: Set(if with_samples { "Số 1 đường Mẫu, xã Mẫu Sơn (địa chỉ mẫu)" } else { "" }.to_owned()),
        phone: Set(if with_samples { "0200 000 000 (số mẫu)" } else { "" }.to_owned()),
        email: Set(if with_samples { "banbientap@example.vn" } else { "" }.to_owned()),
        vote_salt: Set(random_secret()),
        is_sample: Set(with_samples),
        created_at: Set(t),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let password = generate_password(20);
    user_account::ActiveModel {
        username: Set("admin".to_owned()),
        display_name: Set("Quản trị viên".to_owned()),
        password_hash: Set(hash_password(&password)),
        is_admin: Set(true),
        created_at: Set(t),
        ..Default::default()
    }
    .insert(&tx)
    .await?;

    if with_samples {
        let mut unit_ids: Vec<i32> = Vec::new();
        for (i, (parent, name, level)) in ORG_UNITS.iter().enumerate() {
            let u = org_unit::ActiveModel {
                parent_id: Set(parent.map(|p| unit_ids[p])),
                name: Set((*name).to_owned()),
                short_name: Set(None),
                level: Set((*level).to_owned()),
                position: Set(i as i32),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
            unit_ids.push(u.id);
        }
        let mut cat_ids = Vec::new();
        for (i, (slug, name, desc)) in CATEGORIES.iter().enumerate() {
            let c = category::ActiveModel {
                slug: Set((*slug).to_owned()),
                name: Set((*name).to_owned()),
                description: Set(Some((*desc).to_owned())),
                position: Set(i as i32),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
            cat_ids.push(c.id);
        }
        for (cat, title, lead, paras, byline, hours) in ARTICLES {
            let body: String = paras.iter().map(|p| format!("<p>{}</p>\n", escape_html(p))).collect();
            let stored = article::ActiveModel {
                slug: Set(crate::articles::unique_slug(&tx, title).await?),
                title: Set((*title).to_owned()),
                lead: Set(Some((*lead).to_owned())),
                body_html: Set(body),
                byline: Set(Some((*byline).to_owned())),
                category_id: Set(Some(cat_ids[*cat])),
                status: Set(ArticleStatus::Published.as_str().to_owned()),
                published_at: Set(Some(t - chrono::Duration::hours(*hours))),
                created_at: Set(t),
                updated_at: Set(t),
                is_sample: Set(true),
                source_hash: Set(None),
                rating_sum: Set(0),
                rating_count: Set(0),
                version: Set(1),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
            crate::published::after_article_change(&tx, store, stored.id).await?;
            samples.push(stored.id);
        }
        video_clip::ActiveModel {
            title: Set("Video mẫu: giới thiệu phong trào “Dân vận khéo”".to_owned()),
            description: Set(Some("Đoạn phim mẫu ngắn do danvan tạo ra để minh họa mục Video Clip.".to_owned())),
            video_url: Set("/static/sample/video-mau.webm".to_owned()),
            mime_type: Set("video/webm".to_owned()),
            poster_url: Set(Some("/static/sample/video-mau-poster.png".to_owned())),
            captions_url: Set(Some("/static/sample/video-mau.vi.vtt".to_owned())),
            position: Set(0),
            is_sample: Set(true),
            published_at: Set(t),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
    }
    tx.commit().await?;
    store.shared.forget_all();
    // the related lists again, now that the engine has every sample (it
    // follows the database after the commit)
    store.search().follow().await;
    if !samples.is_empty() {
        let tx = store.begin_write().await?;
        for id in &samples {
            crate::search::compute_related(&tx, store, *id).await?;
        }
        tx.commit().await?;
    }
    store.accounts().ensure_editorial_defaults().await?;
    Ok(Some(SampleSite { admin_username: "admin".to_owned(), admin_password: password }))
}
