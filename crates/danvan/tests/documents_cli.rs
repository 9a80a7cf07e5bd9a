//! `danvan documents …` as a user runs it: a sheet (CSV and XLSX) with the
//! six documents the seed article cites plus bad rows, re-imports, the
//! "documents to add" before and after, one document from the command line,
//! and sheets that cannot be imported at all.

use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: &str = "../../../shared/seeds/000_717bb114bfc50511.txt";
const SEED_PATH: &str = "/bai-viet/phat-huy-hieu-qua-tu-phong-trao-thi-dua-dan-van-kheo-tren-dia-ban-huyen-kon-ray";

/// A minimal but real PDF.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";
/// A PHP script named like a PDF.
const PHP: &[u8] = b"<?php system($_GET['c']); ?>\n";

fn danvan(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_danvan"));
    c.env("DANVAN_DATA_DIR", data).env_remove("DANVAN_DATABASE_URL").env_remove("DANVAN_LISTEN");
    c
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

const HEADER: [&str; 9] = ["loai", "so_ky_hieu", "ngay_ban_hanh", "co_quan_ban_hanh", "nguoi_ky", "trich_yeu", "tinh_trang", "tep", "thuc_hien"];

/// The sheet's rows under the header (row 2 on); `None` is a blank row.
fn rows() -> Vec<Option<[&'static str; 9]>> {
    vec![
        // row 2
        Some(["Kế hoạch", "136-KH/HU", "25/7/2023", "Ban Thường vụ Huyện ủy", "", "về thực hiện Chỉ thị số 18-CT/TU của Ban Thường vụ Tỉnh ủy về phong trào thi đua “Dân vận khéo”", "", "ke-hoach-136.pdf", "18-CT/TU"]),
        // row 3: a summary on two lines
        Some(["Chỉ thị", "18-CT/TU", "21/6/2023", "Ban Thường vụ Tỉnh ủy", "", "về tiếp tục nâng cao chất lượng,\nhiệu quả phong trào thi đua “Dân vận khéo”", "Còn hiệu lực", "", ""]),
        // row 4: type by abbreviation
        Some(["CTr", "62-CTr/HU", "08/10/2013", "Ban Chấp hành Đảng bộ huyện", "", "thực hiện Nghị quyết Hội nghị lần thứ 7 Ban Chấp hành Trung ương Đảng (khóa XI)", "", "", "25-NQ/TW, 03/6/2013"]),
        Some(["Nghị quyết", "25-NQ/TW", "03/6/2013", "Ban Chấp hành Trung ương", "", "về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới", "", "", ""]),
        Some(["Quyết định", "217-QĐ/TW", "12/12/2013", "Bộ Chính trị", "", "ban hành Quy chế giám sát và phản biện xã hội của Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội", "", "", ""]),
        // row 7: ISO date
        Some(["Quyết định", "218-QĐ/TW", "2013-12-12", "Bộ Chính trị", "", "ban hành Quy định về việc Mặt trận Tổ quốc Việt Nam, các đoàn thể chính trị - xã hội và nhân dân tham gia góp ý xây dựng Đảng, xây dựng chính quyền", "", "", ""]),
        // row 8 blank
        None,
        // row 9: bad number
        Some(["Kế hoạch", "136-/HU", "25/7/2023", "Ban Thường vụ Huyện ủy", "", "số sai", "", "", ""]),
        // row 10: no summary
        Some(["Kế hoạch", "140-KH/HU", "1/8/2023", "Ban Thường vụ Huyện ủy", "", "", "", "", ""]),
        // row 11: no such day
        Some(["Thông báo", "10-TB/HU", "31/6/2023", "Ban Thường vụ Huyện ủy", "", "ngày sai", "", "", ""]),
        // row 12: unknown type
        Some(["Công hàm", "11-KH/HU", "2/8/2023", "Ban Thường vụ Huyện ủy", "", "loại sai", "", "", ""]),
        // row 13: good document, its file is missing
        Some(["Hướng dẫn", "05-HD/BDVHU", "2/8/2023", "Ban Dân vận Huyện ủy", "Nguyễn Văn A", "hướng dẫn thực hiện Kế hoạch số 136-KH/HU", "", "khong-co.pdf", "136-KH/HU"]),
        // row 14: good document, its file is a PHP script named .pdf
        Some(["Thông báo", "12-TB/HU", "3/8/2023", "Ban Thường vụ Huyện ủy", "", "kết luận của Ban Thường vụ", "", "ma-doc.pdf", ""]),
    ]
}

fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\n', ',']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

/// The sheet as a CSV file: UTF-8 with BOM, semicolons, CRLF (as Excel saves it).
fn csv(rows: &[Option<[&str; 9]>]) -> Vec<u8> {
    let mut s = String::from("\u{feff}");
    s.push_str(&HEADER.join(";"));
    s.push_str("\r\n");
    for r in rows {
        if let Some(r) = r {
            s.push_str(&r.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(";"));
        }
        s.push_str("\r\n");
    }
    s.into_bytes()
}

/// The sheet as an XLSX workbook; the dates of the good rows are date cells.
fn xlsx(rows: &[Option<[&str; 9]>]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Văn bản").unwrap();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        let Some(r) = r else { continue };
        let row = i as u32 + 1;
        for (c, v) in r.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let date = (c == 2 && i < 6).then(|| {
                let p: Vec<&str> = v.split(['/', '-']).collect();
                if p[0].len() == 4 { (p[0].parse().unwrap(), p[1].parse().unwrap(), p[2].parse().unwrap()) } else { (p[2].parse().unwrap(), p[1].parse().unwrap(), p[0].parse().unwrap()) }
            });
            match date {
                Some((y, m, d)) => {
                    ws.write_datetime_with_format(row, c as u16, ExcelDateTime::from_ymd(y, m, d).unwrap(), &date_format).unwrap();
                }
                None => {
                    ws.write_string(row, c as u16, *v).unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

struct Setup {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    dir: PathBuf,
    files: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let dir = tmp.path().join("bang");
    let files = tmp.path().join("tep");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("ke-hoach-136.pdf"), PDF).unwrap();
    std::fs::write(files.join("ma-doc.pdf"), PHP).unwrap();
    Setup { data, dir, files, _tmp: tmp }
}

/// The lines `documents import` prints for the sheet on a library that
/// has none of its documents; `label` names the sheet.
fn expected_first_import(label: &str, files: &Path) -> Vec<String> {
    let dir = files.display();
    let kept = "văn bản vẫn được thêm, không có tệp này / the document was still added, without this file";
    vec![
        format!("added      {label}, row 2: Kế hoạch 136-KH/HU, 25/7/2023 → /van-ban/136-kh-hu-2023   (tệp đính kèm: 1 / files attached: 1)"),
        format!("added      {label}, row 3: Chỉ thị 18-CT/TU, 21/6/2023 → /van-ban/18-ct-tu-2023"),
        format!("added      {label}, row 4: Chương trình 62-CTr/HU, 8/10/2013 → /van-ban/62-ctr-hu-2013"),
        format!("added      {label}, row 5: Nghị quyết 25-NQ/TW, 3/6/2013 → /van-ban/25-nq-tw-2013"),
        format!("added      {label}, row 6: Quyết định 217-QĐ/TW, 12/12/2013 → /van-ban/217-qd-tw-2013"),
        format!("added      {label}, row 7: Quyết định 218-QĐ/TW, 12/12/2013 → /van-ban/218-qd-tw-2013"),
        format!("failed     {label}, row 9, so_ky_hieu: \"136-/HU\": không phải số, ký hiệu văn bản hợp lệ: thiếu chữ viết tắt loại văn bản / not a valid document number: the document type abbreviation is missing [docref.missing_type]"),
        format!("failed     {label}, row 10, trich_yeu: thiếu (bắt buộc) / missing (required) [doccli.required]"),
        format!("failed     {label}, row 11, ngay_ban_hanh: \"31/6/2023\": ngày không hợp lệ (cần dạng 25/7/2023 hoặc 2023-07-25) / invalid date (use 25/7/2023 or 2023-07-25) [doccli.bad_date]"),
        format!("failed     {label}, row 12, loai: \"Công hàm\": loại văn bản không rõ (ví dụ: Kế hoạch hoặc KH) / unknown document type (for example: Kế hoạch or KH) [doccli.unknown_type]"),
        format!("failed     {label}, row 13, tep: \"khong-co.pdf\": không có tệp này trong thư mục {dir} / no such file in the folder {dir} [doccli.file_missing]; {kept} → /van-ban/05-hd-bdvhu-2023"),
        format!("failed     {label}, row 14, tep: \"ma-doc.pdf\": không nhận loại tệp này: chỉ nhận PDF, Word, Excel, ODT, PNG, JPEG (xét theo nội dung tệp, không theo tên) / file type not accepted: only PDF, Word, Excel, ODT, PNG and JPEG (judged by the content, not the name) [doccli.file_type]; {kept} → /van-ban/12-tb-hu-2023"),
        format!("related    {label}, row 2, thuc_hien: 136-KH/HU → Thực hiện / Implements → 18-CT/TU"),
        format!("related    {label}, row 4, thuc_hien: 62-CTr/HU → Thực hiện / Implements → 25-NQ/TW"),
        format!("related    {label}, row 13, thuc_hien: 05-HD/BDVHU → Thực hiện / Implements → 136-KH/HU"),
        "Tổng cộng: 6 đã thêm, 0 không đổi, 6 lỗi".to_owned(),
        "Total: 6 added, 0 unchanged, 6 failed".to_owned(),
    ]
}

fn lines(out: &str) -> Vec<String> {
    out.lines().map(str::to_owned).collect()
}

fn missing(data: &Path) -> (Vec<String>, String) {
    let (code, out, err) = run(danvan(data).args(["documents", "missing"]));
    assert_eq!(code, 0, "{out}{err}");
    let mut l = lines(&out);
    let count = l.pop().unwrap();
    (l, count)
}

#[test]
fn csv_sheet_then_reimport_then_xlsx() {
    let s = setup();
    let (code, out, err) = run(danvan(&s.data).args(["import", SEED]));
    assert_eq!(code, 0, "{out}{err}");

    // before the sheet: the six citations of the seed article are to add
    let (list, count) = missing(&s.data);
    assert_eq!(count, "6 văn bản được dẫn chiếu cần bổ sung vào thư viện / 6 cited documents to add to the library");
    assert_eq!(list.len(), 6, "{list:#?}");
    for (line, (number, date)) in list.iter().zip([
        ("Kế hoạch 136-KH/HU", "25/7/2023"),
        ("Chỉ thị 18-CT/TU", "21/6/2023"),
        ("Chương trình 62-CTr/HU", "8/10/2013"),
        ("Nghị quyết 25-NQ/TW", "3/6/2013"),
        ("Quyết định 217-QĐ/TW", "—"),
        ("Quyết định 218-QĐ/TW", "—"),
    ]) {
        assert!(line.starts_with(&format!("{SEED_PATH}   Phát huy hiệu quả")), "{line}");
        assert!(line.ends_with(&format!("   {number}   {date}")), "{line}");
    }
    assert!(list[0].contains("“Kế hoạch số136-KH/HU, ngày 25/7/2023”"), "{}", list[0]);

    let sheet = s.dir.join("van-ban.csv");
    std::fs::write(&sheet, csv(&rows())).unwrap();
    let files = s.files.to_str().unwrap();

    // a dry run writes nothing
    let (code, out, err) = run(danvan(&s.data).args(["documents", "import", "--dry-run", "--files", files]).arg(&sheet));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("to add     van-ban.csv, row 2: Kế hoạch 136-KH/HU, 25/7/2023\n"), "{out}");
    assert!(out.contains("failed     van-ban.csv, row 14, tep: \"ma-doc.pdf\": "), "{out}");
    assert!(!out.contains("related"), "{out}");
    assert!(out.ends_with("Dry run, nothing written: 6 to add, 0 unchanged, 6 failed\n"), "{out}");
    assert_eq!(missing(&s.data).0.len(), 6);

    let (code, out, err) = run(danvan(&s.data).args(["documents", "import", "--files", files]).arg(&sheet));
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(lines(&out), expected_first_import("van-ban.csv", &s.files), "{out}");
    assert!(!err.contains("bỏ qua"), "{err}");

    // every citation of the seed article now has its document
    let (list, count) = missing(&s.data);
    assert!(list.is_empty(), "{list:#?}");
    assert_eq!(count, "0 văn bản được dẫn chiếu cần bổ sung vào thư viện / 0 cited documents to add to the library");

    // again: the good rows are unchanged, the bad ones fail again, no
    // relation is recorded twice, no file is attached twice
    let (code, out, err) = run(danvan(&s.data).args(["documents", "import", "--files", files]).arg(&sheet));
    assert_eq!(code, 1, "{out}{err}");
    let l = lines(&out);
    assert_eq!(
        l[0],
        "unchanged  van-ban.csv, row 2: Kế hoạch 136-KH/HU, 25/7/2023 → /van-ban/136-kh-hu-2023: Văn bản này (cùng số, loại, cơ quan và ngày) đã có trong thư viện. / This document (same number, type, issuer and date) is already in the library. [document.duplicate]"
    );
    assert_eq!(l.iter().filter(|x| x.starts_with("unchanged  van-ban.csv, row ")).count(), 6, "{out}");
    assert!(l.iter().any(|x| x.starts_with("failed     van-ban.csv, row 13, tep: \"khong-co.pdf\"") && x.ends_with("[doccli.file_missing]; văn bản đã có trong thư viện, chưa có tệp này / the document is in the library, without this file → /van-ban/05-hd-bdvhu-2023")), "{out}");
    assert!(!out.contains("related") && !out.contains("added "), "{out}");
    assert!(out.ends_with("Tổng cộng: 0 đã thêm, 6 không đổi, 6 lỗi\nTotal: 0 added, 6 unchanged, 6 failed\n"), "{out}");

    // the missing file arrives: attached to the existing document
    std::fs::write(s.files.join("khong-co.pdf"), PDF).unwrap();
    let (code, out, _) = run(danvan(&s.data).args(["documents", "import", "--files", files]).arg(&sheet));
    assert_eq!(code, 1);
    assert!(out.contains("unchanged  van-ban.csv, row 13: Hướng dẫn 05-HD/BDVHU, 2/8/2023 → /van-ban/05-hd-bdvhu-2023: ") && out.contains("[document.duplicate]   (tệp đính kèm: 1 / files attached: 1)\n"), "{out}");
    assert!(out.ends_with("Total: 0 added, 7 unchanged, 5 failed\n"), "{out}");

    // the same sheet as XLSX: all there already
    let book = s.dir.join("van-ban.xlsx");
    std::fs::write(&book, xlsx(&rows())).unwrap();
    let (code, out, err) = run(danvan(&s.data).args(["documents", "import", "--files", files]).arg(&book));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("unchanged  van-ban.xlsx [Văn bản], row 2: Kế hoạch 136-KH/HU, 25/7/2023 → /van-ban/136-kh-hu-2023: "), "{out}");
    assert!(out.ends_with("Total: 0 added, 7 unchanged, 5 failed\n"), "{out}");
}

#[test]
fn xlsx_sheet_on_a_new_library() {
    let s = setup();
    let book = s.dir.join("van-ban.xlsx");
    std::fs::write(&book, xlsx(&rows())).unwrap();
    let (code, out, err) = run(danvan(&s.data).args(["documents", "import", "--files", s.files.to_str().unwrap()]).arg(&book));
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(lines(&out), expected_first_import("van-ban.xlsx [Văn bản]", &s.files), "{out}");

    // chosen by content, not by name: an XLSX named .csv is read as XLSX
    let misnamed = s.dir.join("sai-ten.csv");
    std::fs::copy(&book, &misnamed).unwrap();
    let (code, out, _) = run(danvan(&s.data).args(["documents", "import", "--dry-run", "--files", s.files.to_str().unwrap()]).arg(&misnamed));
    assert_eq!(code, 1);
    assert!(out.contains("unchanged  sai-ten.csv [Văn bản], row 7: Quyết định 218-QĐ/TW, 12/12/2013 → /van-ban/218-qd-tw-2013: "), "{out}");
}

#[test]
fn clean_sheet_then_unchanged() {
    let s = setup();
    // comma separated, no BOM, English headers, files next to the sheet
    let mut text = String::from("type,number,issued_on,issuer,summary,files\n");
    for r in rows().into_iter().take(6).flatten() {
        text.push_str(&[r[0], r[1], r[2], r[3], r[5], r[7]].map(csv_field).join(","));
        text.push('\n');
    }
    std::fs::write(s.dir.join("ke-hoach-136.pdf"), PDF).unwrap();
    let sheet = s.dir.join("sach.csv");
    std::fs::write(&sheet, text).unwrap();
    let (code, out, err) = run(danvan(&s.data).args(["documents", "import"]).arg(&sheet));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.ends_with("Total: 6 added, 0 unchanged, 0 failed\n"), "{out}");
    assert!(out.contains("added      sach.csv, row 2: Kế hoạch 136-KH/HU, 25/7/2023 → /van-ban/136-kh-hu-2023   (tệp đính kèm: 1 / files attached: 1)\n"), "{out}");
    let (code, out, err) = run(danvan(&s.data).args(["documents", "import"]).arg(&sheet));
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.lines().filter(|l| l.starts_with("unchanged  sach.csv, row ")).count(), 6, "{out}");
    assert!(out.ends_with("Tổng cộng: 0 đã thêm, 6 không đổi, 0 lỗi\nTotal: 0 added, 6 unchanged, 0 failed\n"), "{out}");
}

#[test]
fn sheets_that_cannot_be_imported() {
    let s = setup();
    let import = |path: &Path| run(danvan(&s.data).args(["documents", "import"]).arg(path));

    let p = s.dir.join("thieu-cot.csv");
    std::fs::write(&p, "Loại;Số, ký hiệu;Cơ quan ban hành;Ghi chú\nKế hoạch;136-KH/HU;Huyện ủy;x\n").unwrap();
    let (code, out, err) = import(&p);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("thiếu cột ngay_ban_hanh, trich_yeu (dòng tiêu đề: dòng 1) / missing columns ngay_ban_hanh (issued_on), trich_yeu (summary) (header: row 1) [doccli.missing_columns]"), "{err}");
    assert!(out.is_empty(), "{out}");

    let p = s.dir.join("cu.xls");
    std::fs::write(&p, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).unwrap();
    let (code, _, err) = import(&p);
    assert_eq!(code, 2);
    assert!(err.contains("[doccli.sheet_unsupported]"), "{err}");

    let p = s.dir.join("latin1.csv");
    std::fs::write(&p, b"loai;so_ky_hieu;ngay_ban_hanh;co_quan_ban_hanh;trich_yeu\nK\xea ho\xe1ch;136-KH/HU;25/7/2023;x;y\n").unwrap();
    let (code, _, err) = import(&p);
    assert_eq!(code, 2);
    assert!(err.contains("the CSV file is not UTF-8 (line 2); save it again as “CSV UTF-8” [doccli.sheet_not_utf8]"), "{err}");

    let p = s.dir.join("hong.xlsx");
    std::fs::write(&p, b"PK\x03\x04 not really a zip").unwrap();
    let (code, _, err) = import(&p);
    assert_eq!(code, 2);
    assert!(err.contains("[doccli.sheet_bad_xlsx]"), "{err}");

    let (code, _, err) = import(&s.dir.join("khong-co.csv"));
    assert_eq!(code, 2);
    assert!(err.contains("[doccli.sheet_unreadable]"), "{err}");

    let p = s.dir.join("rong.csv");
    std::fs::write(&p, "\u{feff}\n\n").unwrap();
    let (code, _, err) = import(&p);
    assert_eq!(code, 2);
    assert!(err.contains("[doccli.sheet_empty]"), "{err}");

    // a title above the header, an unknown column: imported, with a note
    let p = s.dir.join("tieu-de.csv");
    std::fs::write(&p, "DANH MỤC VĂN BẢN;;;;;\nLoại văn bản;Số, ký hiệu;Ngày ban hành;Cơ quan ban hành;Trích yếu;Ghi chú\nKế hoạch;136-KH/HU;25/7/2023;Ban Thường vụ Huyện ủy;về Dân vận khéo;x\n").unwrap();
    let (code, out, err) = import(&p);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("added      tieu-de.csv, row 3: Kế hoạch 136-KH/HU, 25/7/2023 → /van-ban/"), "{out}");
    assert!(err.contains("bỏ qua cột không dùng / ignoring unknown column: \"Ghi chú\""), "{err}");
}

#[test]
fn add_one_document() {
    let s = setup();
    let pdf = s.files.join("ke-hoach-136.pdf");
    let add = |extra: &[&str]| {
        let mut c = danvan(&s.data);
        c.args(["documents", "add", "--number", "136-KH/HU", "--issued-on", "2023-07-25", "--issuer", "Ban Thường vụ Huyện ủy"]).args(extra);
        run(&mut c)
    };
    let (code, out, err) = add(&["--type", "Kế hoạch", "--summary", "về phong trào thi đua “Dân vận khéo”", "--file", pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out, "added      Kế hoạch 136-KH/HU, 25/7/2023 → /van-ban/136-kh-hu-2023   (tệp đính kèm: 1 / files attached: 1)\n");

    // again, the type read from the number this time: unchanged, the file not sent twice
    let (code, out, err) = add(&["--summary", "về phong trào thi đua “Dân vận khéo”", "--file", pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("unchanged  Kế hoạch 136-KH/HU, 25/7/2023 → /van-ban/136-kh-hu-2023: ") && out.ends_with("[document.duplicate]\n"), "{out}");

    // bad values: every problem, nothing added
    let mut c = danvan(&s.data);
    c.args(["documents", "add", "--type", "Chỉ thị", "--number", "18-KH/TU", "--issued-on", "21/13/2023", "--issuer", " ", "--summary", "x", "--status", "tạm ngưng"]);
    let (code, out, _) = run(&mut c);
    assert_eq!(code, 1);
    assert_eq!(
        lines(&out),
        [
            "failed     --type: \"Chỉ thị\": loại văn bản không khớp với ký hiệu KH trong số, ký hiệu / the document type does not match the abbreviation KH in the number [doccli.type_mismatch]",
            "failed     --issued-on: \"21/13/2023\": ngày không hợp lệ (cần dạng 25/7/2023 hoặc 2023-07-25) / invalid date (use 25/7/2023 or 2023-07-25) [doccli.bad_date]",
            "failed     --issuer: thiếu (bắt buộc) / missing (required) [doccli.required]",
            "failed     --status: \"tạm ngưng\": tình trạng không rõ (Còn hiệu lực, Đã sửa đổi, Đã thay thế, Hết hiệu lực) / unknown status (in force, amended, replaced, expired) [doccli.bad_status]",
        ]
    );

    // a refused file: the document is added all the same, and related
    let php = s.files.join("ma-doc.pdf");
    let mut c = danvan(&s.data);
    c.args(["documents", "add", "--number", "05-HD/BDVHU", "--issued-on", "2/8/2023", "--issuer", "Ban Dân vận Huyện ủy", "--summary", "hướng dẫn", "--implements", "136-KH/HU", "--file"]).arg(&php);
    let (code, out, _) = run(&mut c);
    assert_eq!(code, 1);
    assert_eq!(
        lines(&out),
        [
            format!("failed     --file: {:?}: không nhận loại tệp này: chỉ nhận PDF, Word, Excel, ODT, PNG, JPEG (xét theo nội dung tệp, không theo tên) / file type not accepted: only PDF, Word, Excel, ODT, PNG and JPEG (judged by the content, not the name) [doccli.file_type]; văn bản vẫn được thêm, không có tệp này / the document was still added, without this file → /van-ban/05-hd-bdvhu-2023", php.display().to_string()),
            "related    --implements: 05-HD/BDVHU → Thực hiện / Implements → 136-KH/HU".to_owned(),
        ]
    );

    // a relation to a document the library lacks
    let mut c = danvan(&s.data);
    c.args(["documents", "add", "--number", "06-HD/BDVHU", "--issued-on", "3/8/2023", "--issuer", "Ban Dân vận Huyện ủy", "--summary", "hướng dẫn", "--guides", "99-NQ/TW"]);
    let (code, out, _) = run(&mut c);
    assert_eq!(code, 1);
    assert_eq!(out, "failed     --guides: \"99-NQ/TW\": không có văn bản 99-NQ/TW trong bảng tính hay trong thư viện / no document 99-NQ/TW in the sheet or in the library [doccli.relation_not_found]\n");
}

#[test]
fn relations_duplicates_and_ambiguous_numbers() {
    let s = setup();
    let sheet = s.dir.join("quan-he.csv");
    std::fs::write(
        &sheet,
        "so_ky_hieu,loai,ngay_ban_hanh,co_quan_ban_hanh,trich_yeu,thuc_hien,thay_the\n\
         25-NQ/TW,,30/7/2008,Ban Chấp hành Trung ương,về xây dựng giai cấp nông dân,,\n\
         25-NQ/TW,,3/6/2013,Ban Chấp hành Trung ương,về công tác dân vận,,\n\
         01-KH/HU,,1/8/2013,Ban Thường vụ Huyện ủy,thực hiện nghị quyết,25-NQ/TW,\n\
         02-KH/HU,,2/8/2013,Ban Thường vụ Huyện ủy,thực hiện nghị quyết,\"25-NQ/TW, 3/6/2013\",\n\
         03-KH/HU,,3/8/2013,Ban Thường vụ Huyện ủy,thay thế kế hoạch 02,,\"Kế hoạch số 02-KH/HU; 03-KH/HU\"\n\
         04-KH/HU,,4/8/2013,Ban Thường vụ Huyện ủy,dẫn chiếu sai,99-NQ/TW,\n\
         25-NQ/TW,,3/6/2013,Ban Chấp hành Trung ương,lặp lại,,\n",
    )
    .unwrap();
    let (code, out, err) = run(danvan(&s.data).args(["documents", "import"]).arg(&sheet));
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(
        lines(&out),
        [
            "added      quan-he.csv, row 2: Nghị quyết 25-NQ/TW, 30/7/2008 → /van-ban/25-nq-tw-2008",
            "added      quan-he.csv, row 3: Nghị quyết 25-NQ/TW, 3/6/2013 → /van-ban/25-nq-tw-2013",
            "failed     quan-he.csv, row 4, thuc_hien: \"25-NQ/TW\": có 2 văn bản số 25-NQ/TW; ghi thêm ngày ban hành sau dấu phẩy, ví dụ “25-NQ/TW, 3/6/2013” / 2 documents have the number 25-NQ/TW; add the date of issue after a comma, e.g. “25-NQ/TW, 3/6/2013” [doccli.relation_ambiguous]",
            "added      quan-he.csv, row 5: Kế hoạch 02-KH/HU, 2/8/2013 → /van-ban/02-kh-hu-2013",
            "failed     quan-he.csv, row 6, thay_the: \"03-KH/HU\": văn bản không thể liên quan đến chính nó / a document cannot refer to itself [doccli.relation_self]",
            "failed     quan-he.csv, row 7, thuc_hien: \"99-NQ/TW\": không có văn bản 99-NQ/TW trong bảng tính hay trong thư viện / no document 99-NQ/TW in the sheet or in the library [doccli.relation_not_found]",
            "failed     quan-he.csv, row 8, so_ky_hieu: \"25-NQ/TW\": trùng với dòng 3 (cùng số, loại và ngày ban hành) / same document as row 3 (same number, type and date of issue) [doccli.duplicate_row]",
            "related    quan-he.csv, row 5, thuc_hien: 02-KH/HU → Thực hiện / Implements → 25-NQ/TW",
            "Tổng cộng: 3 đã thêm, 0 không đổi, 4 lỗi",
            "Total: 3 added, 0 unchanged, 4 failed",
        ],
        "{out}"
    );
    // a later sheet can point at what the library now has
    let later = s.dir.join("sau.csv");
    std::fs::write(&later, "so_ky_hieu,loai,ngay_ban_hanh,co_quan_ban_hanh,trich_yeu,thay_the\n03-KH/HU,Kế hoạch,3/8/2013,Ban Thường vụ Huyện ủy,thay thế kế hoạch 02,Kế hoạch số 02-KH/HU\n").unwrap();
    let (code, out, err) = run(danvan(&s.data).args(["documents", "import"]).arg(&later));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("related    sau.csv, row 2, thay_the: 03-KH/HU → Thay thế / Replaces → 02-KH/HU\n"), "{out}");
}
