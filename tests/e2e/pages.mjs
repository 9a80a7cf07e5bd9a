// The pages every check runs on. Add a page with one line here.
//
//   id      short name, used in test names and file names
//   path    (state) => the path to load; `state` has articlePath and
//           categoryPath, found while the suite starts
//   status  the expected HTTP status (200 when left out)

export const PAGES = [
  { id: 'home', path: () => '/' },
  { id: 'category', path: (s) => s.categoryPath },
  { id: 'article', path: (s) => s.articlePath },
  { id: 'print', path: (s) => `${s.articlePath}/in` },
  { id: 'not-found', path: () => '/khong-co-trang-nay', status: 404 },
  { id: 'search', path: () => '/tim-kiem?q=d%C3%A2n%20v%E1%BA%ADn' },
  { id: 'search-empty', path: () => '/tim-kiem?q=%22c%E1%BB%93ng%20chi%C3%AAng%22' },
  { id: 'search-models', path: () => '/tim-kiem?q=m%C3%B4%20h%C3%ACnh&loai=mo-hinh' },
  { id: 'documents', path: () => '/van-ban' },
  { id: 'document', path: (s) => s.documentPath },
  { id: 'registry-stats', path: () => '/dan-van-kheo/thong-ke?ky=2023' },
  { id: 'registry-showcase', path: () => '/dan-van-kheo' },
  { id: 'registry-record', path: () => '/dan-van-kheo/1' },
  { id: 'feedback-form', path: () => '/phan-anh/gui' },
  { id: 'feedback-receipt', path: (s) => s.feedbackReceiptPath },
  { id: 'feedback-lookup', path: () => '/phan-anh/tra-cuu' },
  { id: 'feedback-answers', path: () => '/phan-anh' },
  // the sample site's published answer (the third sample item)
  { id: 'feedback-answer', path: () => '/phan-anh/3' },
  { id: 'feedback-stats', path: () => '/phan-anh/thong-ke' },
  { id: 'feedback-stats-dates', path: () => '/phan-anh/thong-ke?tu=2026-01-01&den=2026-12-31' },
  { id: 'feedback-stats-error', path: () => '/phan-anh/thong-ke?nam=20x6&thang=5&quy=1', status: 422 },
  // back office (signed in as the administrator; the session cookie has path /quan-tri)
  { id: 'admin-sign-in', path: () => '/quan-tri/dang-nhap' },
  { id: 'admin-articles', path: () => '/quan-tri' },
  { id: 'admin-editor', path: (s) => s.draftPath },
  { id: 'admin-revisions', path: (s) => `${s.draftPath}/phien-ban` },
  { id: 'admin-media', path: () => '/quan-tri/thu-vien' },
  { id: 'admin-users', path: () => '/quan-tri/nguoi-dung' },
  { id: 'admin-audit', path: () => '/quan-tri/nhat-ky' },
  { id: 'admin-totp', path: () => '/quan-tri/hai-buoc' },
  { id: 'admin-calendar', path: () => '/quan-tri/lich?nam=2026' },
  { id: 'admin-registry', path: () => '/quan-tri/dan-van-kheo' },
  { id: 'admin-registry-new', path: () => '/quan-tri/dan-van-kheo/moi' },
  { id: 'admin-registry-record', path: () => '/quan-tri/dan-van-kheo/1' },
  { id: 'admin-registry-edit', path: () => '/quan-tri/dan-van-kheo/1/sua' },
  { id: 'admin-calendar-proposed', path: () => '/quan-tri/lich?nam=2027' },
  { id: 'admin-feedback-queue', path: () => '/quan-tri/phan-anh' },
  { id: 'admin-feedback-new', path: () => '/quan-tri/phan-anh/moi' },
  { id: 'admin-feedback-item', path: (s) => s.feedbackItemPath },
  { id: 'admin-feedback-publish', path: (s) => s.feedbackPublishPath },
  { id: 'admin-feedback-contact', path: () => '/quan-tri/phan-anh/du-lieu-ca-nhan' },
  // the statistics need the coordinator's ViewFeedback, the categories the administrator's ManageFeedback
  { id: 'admin-feedback-stats', path: () => '/quan-tri/phan-anh/thong-ke' },
  { id: 'admin-feedback-categories', path: () => '/quan-tri/phan-anh/linh-vuc' },
  { id: 'admin-feedback-category', path: () => '/quan-tri/phan-anh/linh-vuc/1' },
];
