//! Image decoding, one at a time per core: every upload (the feedback
//! form's photos, the back office's media) is decoded and re-encoded
//! through [`process_image`], which holds one of [`IMAGE_SLOTS`] permits
//! while it works. A 10 MB photo can take a few hundred megabytes while it
//! is decoded; without a bound, uploads arriving together from many
//! addresses (the per-address limit does not stop them) could take the
//! server's memory. Those waiting for a permit wait their turn; nothing is
//! refused.

use danvan_media::{Limits, MediaError, Processed};
use tokio::sync::Semaphore;

/// How many images are decoded at once.
pub const IMAGE_SLOTS: usize = 2;

static SLOTS: Semaphore = Semaphore::const_new(IMAGE_SLOTS);

/// [`danvan_media::process_image`] on a blocking thread once a permit is
/// free. Errors: the media error; `Err(None)` when the decoder panicked
/// (the task's panic is caught, not a crash).
pub(crate) async fn process_image(bytes: Vec<u8>, limits: Limits) -> Result<Processed, Option<MediaError>> {
    let Ok(_permit) = SLOTS.acquire().await else { return Err(None) };
    match tokio::task::spawn_blocking(move || danvan_media::process_image(&bytes, &limits)).await {
        Ok(Ok(p)) => Ok(p),
        Ok(Err(e)) => Err(Some(e)),
        Err(_) => Err(None),
    }
}
