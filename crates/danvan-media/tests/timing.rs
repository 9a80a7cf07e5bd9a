//! A one-off measurement, not a check: how long `process_image` takes for a
//! 12-megapixel photo. Run with
//! `cargo test --release -p danvan-media --test timing -- --ignored --nocapture`.

mod common;

use std::time::Instant;

use danvan_media::{Limits, check, process_image};

#[test]
#[ignore = "measurement; run in release with --ignored --nocapture"]
fn process_a_12_megapixel_jpeg() {
    let photo = common::jpeg(4000, 3000);
    println!("input: 4000×3000 JPEG, {} bytes", photo.len());
    let start = Instant::now();
    check(&photo, &Limits::default()).expect("accepted");
    println!("check: {:?}", start.elapsed());
    for run in 1..=3 {
        let start = Instant::now();
        let processed = process_image(&photo, &Limits::default()).expect("processed");
        println!("run {run}: process_image {:?}", start.elapsed());
        if run == 1 {
            for v in &processed.variants {
                println!(
                    "  {}×{} {:?}: {} bytes",
                    v.width,
                    v.height,
                    v.kind,
                    v.bytes.len()
                );
            }
        }
    }
}
