//! The report opens in LibreOffice: converted to PDF, its text holds the
//! header block, the title, the date line and the table, and page numbers
//! start on page 2. Skipped (not failed) where LibreOffice is not installed;
//! pdftotext (poppler-utils) is needed only for the text checks.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{PLACE_DATE, sample_report};
use danvan_export::party_report_docx;

const TIMEOUT: Duration = Duration::from_secs(120);

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

fn pdftotext(pdftotext: &Path, pdf: &Path, page: Option<u32>) -> String {
    let mut cmd = Command::new(pdftotext);
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd.arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

#[test]
fn converts_to_pdf_with_the_report_text() {
    let Some(soffice) = on_path(&["soffice", "libreoffice"]) else {
        println!("LibreOffice (soffice) not on PATH: DOCX → PDF check skipped");
        return;
    };

    let mut report = sample_report();
    // Long enough for a second page, where the number must appear.
    let filler = report.paragraphs[0].clone();
    report.paragraphs.extend(std::iter::repeat_n(filler, 25));
    let bytes = party_report_docx(&report).unwrap();

    let pid = std::process::id();
    let dir = std::env::temp_dir().join(format!("danvan-export-lo-{pid}"));
    let profile = std::env::temp_dir().join(format!("lo-danvan-test-{pid}"));
    std::fs::create_dir_all(&dir).unwrap();
    let docx = dir.join("bao-cao.docx");
    std::fs::write(&docx, &bytes).unwrap();

    let started = Instant::now();
    let mut child = Command::new(&soffice)
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&docx)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("soffice starts");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            let _ = std::fs::remove_dir_all(&profile);
            panic!("soffice did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let took = started.elapsed();
    let output = child.wait_with_output().unwrap();
    let _ = std::fs::remove_dir_all(&profile);
    println!(
        "LibreOffice converted the DOCX to PDF in {:.1} s",
        took.as_secs_f64()
    );
    assert!(
        status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    let pdf = dir.join("bao-cao.pdf");
    let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 1000,
        "a PDF was written ({size} bytes); soffice said: {}",
        String::from_utf8_lossy(&output.stdout)
    );

    if let Some(pdftotext_bin) = on_path(&["pdftotext"]) {
        let text = pdftotext(&pdftotext_bin, &pdf, None);
        for needle in [
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "BÁO CÁO",
            PLACE_DATE,
            "ĐẢNG BỘ TỈNH KON TUM",
            "Số 15-BC/BDVHU",
            "Văn hóa - xã hội",
            "2.071",
            "Tổng cộng",
        ] {
            assert!(text.contains(needle), "{needle:?} in the PDF text:\n{text}");
        }
        let first_line = |page: u32| {
            pdftotext(&pdftotext_bin, &pdf, Some(page))
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(first_line(2), "2", "page 2 starts with its number");
        assert_ne!(first_line(1), "1", "page 1 shows no number");
    } else {
        println!("pdftotext not on PATH: PDF text check skipped");
    }
    // DANVAN_EXPORT_KEEP=1 keeps the DOCX and PDF for a look.
    if std::env::var_os("DANVAN_EXPORT_KEEP").is_some() {
        println!("kept {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
