//! The sample site's feedback items (issue 13, scope 7): one in every
//! state a reader and a staff member meet (received, being handled,
//! refused, answered and published, a duplicate of the answered one),
//! entered through the desk's own steps so that each has its history. They
//! are marked as samples in their title ("(mẫu)"), their text ("Phản ánh
//! mẫu: …") and their reporter ("Người gửi mẫu", reserved 0900 numbers and
//! `example.vn` addresses), and are written by the history's "Dữ liệu mẫu".

use super::{Feedback, PublicTexts};
use crate::{Actor, StoreResult};
use chrono::{DateTime, Duration, Utc};
use danvan_calendar::WorkingCalendar;
use danvan_domain::editorial::{Grant, Role};
use danvan_domain::feedback::{Channel, NewItem};

/// (title, content, place, channel, what happens to it).
const ITEMS: &[(&str, &str, &str, Channel, Fate)] = &[
    (
        "Đèn chiếu sáng ngõ 12 không sáng (mẫu)",
        "Phản ánh mẫu: đèn chiếu sáng công cộng ở ngõ 12 tắt từ một tuần nay, người đi đường buổi tối rất khó đi.",
        "Ngõ 12, thôn Mẫu Đông (địa chỉ mẫu)",
        Channel::Web,
        Fate::Received,
    ),
    (
        "Rác thải tập kết sai nơi quy định cạnh chợ (mẫu)",
        "Phản ánh mẫu qua đường dây nóng: rác thải được đổ dồn cạnh chợ xã vào buổi sáng, gây mùi và mất vệ sinh.",
        "Chợ xã Mẫu Sơn (địa chỉ mẫu)",
        Channel::Hotline,
        Fate::Accepted,
    ),
    (
        "Đường liên thôn xuống cấp sau mưa lớn (mẫu)",
        "Phản ánh mẫu: đoạn đường liên thôn Mẫu Đông – Mẫu Tây bị sụt lún sau trận mưa lớn, xe máy đi lại nguy hiểm.",
        "Đường liên thôn Mẫu Đông – Mẫu Tây (địa chỉ mẫu)",
        Channel::Web,
        Fate::AnsweredPublished,
    ),
    (
        "Đường liên thôn bị sụt lún (mẫu)",
        "Phản ánh mẫu: cùng đoạn đường liên thôn bị sụt lún, đề nghị sớm sửa chữa.",
        "Đường liên thôn (địa chỉ mẫu)",
        Channel::InPerson,
        Fate::DuplicateOfPublished,
    ),
    (
        "Tranh chấp đất giữa hai hộ gia đình (mẫu)",
        "Phản ánh mẫu: đề nghị giải quyết tranh chấp ranh giới đất giữa hai hộ liền kề.",
        "Thôn Mẫu Tây (địa chỉ mẫu)",
        Channel::InPerson,
        Fate::Refused,
    ),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    Received,
    Accepted,
    AnsweredPublished,
    DuplicateOfPublished,
    Refused,
}

const ANSWER: &str = "Trả lời mẫu: Ủy ban nhân dân xã đã kiểm tra hiện trường, giao Ban Quản lý dự án đắp đá, lu lèn đoạn sụt lún và cắm biển cảnh báo; việc sửa chữa hoàn thành trong tuần.";

const REFUSAL: &str = "Nội dung mẫu: tranh chấp đất đai được hòa giải ở cơ sở và giải quyết theo Luật Đất đai, không thuộc phạm vi tiếp nhận phản ánh, kiến nghị; đã hướng dẫn người gửi liên hệ Ủy ban nhân dân xã.";

impl Feedback<'_> {
    /// Enters the sample site's feedback items (see the module), received
    /// over the last days before `now`; does nothing without an
    /// organisation tree or when there are items already. Returns how many
    /// were entered.
    pub async fn seed_samples(&self, calendar: &WorkingCalendar, now: DateTime<Utc>) -> StoreResult<usize> {
        use crate::entity::org_unit;
        use sea_orm::{EntityTrait, QueryOrder};
        let units = org_unit::Entity::find().order_by_asc(org_unit::Column::Id).all(&self.store.read).await?;
        let Some(root) = units.iter().find(|u| u.parent_id.is_none()).map(|u| u.id) else { return Ok(0) };
        let Some(commune) = units.iter().find(|u| u.level == "commune").or_else(|| units.iter().find(|u| u.parent_id.is_some())).map(|u| u.id) else { return Ok(0) };
        if self.queue_total().await? > 0 {
            return Ok(0);
        }
        let staff = Actor {
            username: "du-lieu-mau".to_owned(),
            display_name: danvan_domain::messages::t("feedback.sample_staff", danvan_domain::messages::Lang::Vi).to_owned(),
            grants: vec![Grant { role: Role::FeedbackCoordinator, unit_id: root }],
            ..Actor::scheduler()
        };
        let categories = self.categories(true).await?;
        let Some(first) = categories.first() else { return Ok(0) };
        let mut published_code = None;
        for (i, (title, content, place, channel, fate)) in ITEMS.iter().enumerate() {
            let category = categories.get(i % categories.len()).unwrap_or(first).id;
            let item = NewItem {
                category_id: Some(category),
                title: (*title).to_owned(),
                content: (*content).to_owned(),
                place: (*place).to_owned(),
                name: "Người gửi mẫu".to_owned(),
                phone: format!("090000000{}", i + 1),
                email: format!("nguoi-gui-mau-{}@example.vn", i + 1),
                consent: true,
            };
            let at = now - Duration::days(6 - i as i64);
            let logged_by = (*channel != Channel::Web).then_some(&staff);
            let sub = self.submit(&item, *channel, logged_by, "du-lieu-mau", calendar, at).await?;
            let later = at + Duration::hours(2);
            match fate {
                Fate::Received => {}
                Fate::Accepted => self.accept(&staff, sub.id, commune, calendar, later).await?,
                Fate::AnsweredPublished => {
                    self.accept(&staff, sub.id, commune, calendar, later).await?;
                    self.answer(&staff, sub.id, ANSWER, later + Duration::days(1)).await?;
                    let texts = PublicTexts { title: (*title).to_owned(), question: (*content).to_owned(), place: (*place).to_owned(), answer: ANSWER.to_owned() };
                    self.publish(&staff, sub.id, &texts, true, later + Duration::days(1)).await?;
                    published_code = Some(sub.code.as_str().to_owned());
                }
                Fate::DuplicateOfPublished => {
                    if let Some(main) = &published_code {
                        self.mark_duplicate(&staff, sub.id, main, "Cùng đoạn đường (mẫu)", later).await?;
                    }
                }
                Fate::Refused => self.refuse(&staff, sub.id, REFUSAL, later).await?,
            }
        }
        Ok(ITEMS.len())
    }

    async fn queue_total(&self) -> StoreResult<u64> {
        use sea_orm::{EntityTrait, PaginatorTrait};
        Ok(crate::entity::feedback_item::Entity::find().count(&self.store.read).await?)
    }
}
