//! `danvan registry …` as a user runs it: a sheet of the 52 models of 2023
//! (25 kinh tế, 10 văn hóa - xã hội, 5 quốc phòng - an ninh, 12 xây dựng hệ
//! thống chính trị; collective and individual mixed) with bad rows, a dry
//! run, the import, a re-import, and the statistics with the summary
//! paragraph in the seed's words.

use std::path::Path;
use std::process::Command;

fn danvan(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_danvan"));
    c.env("DANVAN_DATA_DIR", data).env_remove("DANVAN_DATABASE_URL").env_remove("DANVAN_LISTEN");
    c
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

const UNITS: [&str; 4] = ["Đảng ủy xã Mẫu Sơn", "Hội Nông dân xã Mẫu Sơn", "hoi lien hiep phu nu xa mau son", "Đoàn Thanh niên xã Mẫu Sơn"];

/// The sheet: the header, the 52 good rows (rows 2-53), then six bad ones.
fn sheet() -> String {
    let mut s = String::from("STT,Mã,Tên mô hình,Loại,Chủ thể,Lĩnh vực,Đơn vị,Kỳ,Ngày đăng ký,Ngày ra mắt,Đánh giá,Năm đánh giá\n");
    let fields = [("Kinh tế", 25), ("VH-XH", 10), ("QP-AN", 5), ("Xây dựng hệ thống chính trị", 12)];
    let mut n = 0;
    for (field, count) in fields {
        for i in 0..count {
            n += 1;
            let holder = if n % 3 == 0 { "Cá nhân" } else { "Tập thể" };
            let kind = if n % 3 == 0 { "Điển hình" } else { "Mô hình" };
            let evaluation = match n % 4 {
                0 => "Tiêu biểu",
                1 | 2 => "Hiệu quả",
                _ => "",
            };
            s.push_str(&format!(
                "{n},MS-{n:02},\"Mô hình {field} số {i}, xã Mẫu Sơn\",{kind},{holder},{field},{},2023,{:02}/01/2023,{:02}/02/2023,{evaluation},\n",
                UNITS[n % 4],
                1 + n % 28,
                1 + n % 28,
            ));
        }
    }
    // row 54: unknown field; 55: empty name; 56: unknown unit; 57: no such
    // day; 58: the code of row 2 again; 59: a text in a date column
    s.push_str("53,MS-53,Mô hình sai lĩnh vực,Mô hình,Tập thể,Nông nghiệp,Đảng ủy xã Mẫu Sơn,2023,,,,\n");
    s.push_str("54,MS-54,,Mô hình,Tập thể,Kinh tế,Đảng ủy xã Mẫu Sơn,2023,,,,\n");
    s.push_str("55,MS-55,Mô hình đơn vị lạ,Mô hình,Tập thể,Kinh tế,Xã Không Có,2023,,,,\n");
    s.push_str("56,MS-56,Mô hình ngày sai,Mô hình,Tập thể,Kinh tế,Đảng ủy xã Mẫu Sơn,2023,31/02/2023,,,\n");
    // (a code is the unit's own: row 2's unit, Hội Nông dân, has MS-01 already)
    s.push_str("57,MS-01,Mô hình trùng mã,Mô hình,Tập thể,Kinh tế,Hội Nông dân xã Mẫu Sơn,2023,,,,\n");
    s.push_str("58,MS-58,Mô hình chữ trong ngày,Mô hình,Tập thể,Kinh tế,Đảng ủy xã Mẫu Sơn,2023,mùng một tháng Giêng,,,\n");
    s
}

#[test]
fn the_52_models_of_2023() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("mo-hinh-2023.csv");
    std::fs::write(&file, sheet()).unwrap();

    // a dry run reports everything and writes nothing
    let (code, out, err) = run(danvan(&data).args(["registry", "import", "--dry-run"]).arg(&file));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("Tổng cộng: 52 tạo mới, 0 cập nhật, 0 không đổi, 6 dòng lỗi"), "{out}");
    assert!(out.contains("Chạy thử"), "{out}");
    let (_, out, _) = run(danvan(&data).args(["registry", "stats", "--period", "2023"]));
    assert!(out.contains("có 00 mô hình"), "{out}");

    // the import: good rows in, each bad row named by row, column and code
    let (code, out, err) = run(danvan(&data).args(["registry", "import"]).arg(&file));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("Tổng cộng: 52 tạo mới, 0 cập nhật, 0 không đổi, 6 dòng lỗi"), "{out}");
    for (row, column, code) in [
        (54, "linh_vuc", "registry.import.field_unknown"),
        (55, "ten", "registry.import.name_missing"),
        (56, "don_vi", "registry.import.unit_unknown"),
        (57, "ngay_dang_ky", "registry.import.date_invalid"),
        (58, "ma", "registry.import.code_twice"),
        (59, "ngay_dang_ky", "registry.import.date_invalid"),
    ] {
        assert!(err.contains(&format!("dòng {row}, cột {column}: ")) && err.contains(&format!("[{code}]")), "row {row}: {err}");
    }

    // the same file again changes nothing
    let (_, out, _) = run(danvan(&data).args(["registry", "import"]).arg(&file));
    assert!(out.contains("Tổng cộng: 0 tạo mới, 0 cập nhật, 52 không đổi, 6 dòng lỗi"), "{out}");

    // the list, written in the import's columns, imports again unchanged
    let list = dir.path().join("danh-sach.xlsx");
    let (code, _, err) = run(danvan(&data).args(["registry", "export", "--format", "xlsx", "--list", "--output"]).arg(&list));
    assert_eq!(code, 0, "{err}");
    {
        use calamine::{Data, Reader, Xlsx, open_workbook};
        let mut wb: Xlsx<_> = open_workbook(&list).unwrap();
        let range = wb.worksheet_range_at(0).unwrap().unwrap();
        let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| match c { Data::String(s) => s.clone(), other => other.to_string() }).collect()).collect();
        assert_eq!(rows[0], ["Mã", "Tên mô hình", "Loại", "Chủ thể", "Lĩnh vực", "Đơn vị", "Kỳ", "Ngày đăng ký", "Ngày ra mắt", "Đánh giá", "Năm đánh giá", "Công khai"]);
        assert_eq!(rows.len(), 53, "the header and the 52 records");
        let ms03 = rows.iter().find(|r| r[0] == "MS-03").unwrap();
        assert_eq!(ms03[2..], ["điển hình", "cá nhân", "kinh tế", "Đoàn Thanh niên xã Mẫu Sơn", "2023", "04/01/2023", "04/02/2023", "", "", "không"]);
    }
    let (code, out, err) = run(danvan(&data).args(["registry", "import", "--dry-run"]).arg(&list));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Tổng cộng: 0 tạo mới, 0 cập nhật, 52 không đổi, 0 dòng lỗi"), "{out}");
    let (code, _, err) = run(danvan(&data).args(["registry", "export", "--format", "docx", "--list", "--output"]).arg(&list));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("regcli") || err.contains("xlsx"), "{err}");

    // the statistics: the seed's sentence with these counts
    let (code, out, err) = run(danvan(&data).args(["registry", "stats", "--period", "2023"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "Năm 2023, toàn tỉnh có 52 mô hình, điển hình “Dân vận khéo” (35 tập thể, 17 cá nhân); trong đó có 25 mô hình kinh tế, \
             10 mô hình trên lĩnh vực văn hóa - xã hội, 05 mô hình về quốc phòng - an ninh và 12 mô hình về xây dựng hệ thống chính trị \
             trong sạch, vững mạnh."
        ),
        "{out}"
    );
    // 39 evaluated (n % 4 != 3), 13 of them outstanding (n % 4 == 0)
    assert!(out.contains("công nhận 39 mô hình, điển hình hiệu quả"), "{out}");
    assert!(out.contains("trong đó 13 tiêu biểu"), "{out}");
    assert!(out.contains("So với năm 2022, tăng 52 mô hình, điển hình (năm 2022: 00)."), "{out}");
    let kt = out.lines().find(|l| l.starts_with("kinh tế")).unwrap();
    assert_eq!(kt.split_whitespace().nth(2), Some("25"), "{kt}");

    // one commune's subtree
    let (code, out, _) = run(danvan(&data).args(["registry", "stats", "--period", "2023", "--unit", "Hoi Nong dan xa Mau Son"]));
    assert_eq!(code, 0);
    assert!(out.contains("Năm 2023, Hội Nông dân xã Mẫu Sơn có 13 mô hình"), "{out}");
    let (code, _, err) = run(danvan(&data).args(["registry", "stats", "--period", "20x3"]));
    assert_eq!(code, 2, "{err}");

    // the XLSX, read back by another library: the numbers themselves
    let xlsx = dir.path().join("thong-ke.xlsx");
    let (code, _, err) = run(danvan(&data).args(["registry", "export", "--format", "xlsx", "--period", "2023", "--output"]).arg(&xlsx));
    assert_eq!(code, 0, "{err}");
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names, ["Theo lĩnh vực", "Theo chủ thể", "Theo loại"]);
    let range = wb.worksheet_range("Theo lĩnh vực").unwrap();
    let row_of = |label: &str| range.rows().find(|r| r.first() == Some(&Data::String(label.to_owned()))).unwrap_or_else(|| panic!("{label}")).to_vec();
    for (label, n) in [("kinh tế", 25.0), ("văn hóa - xã hội", 10.0), ("quốc phòng - an ninh", 5.0), ("xây dựng hệ thống chính trị", 12.0), ("Tổng số", 52.0)] {
        assert_eq!(row_of(label)[1], Data::Float(n), "{label}");
    }
    assert_eq!(row_of("Tổng số")[4], Data::Float(39.0), "effective");

    // the DOCX, opened by LibreOffice when it is installed
    let docx = dir.path().join("bao-cao.docx");
    let args = ["registry", "export", "--format", "docx", "--period", "2023", "--number", "Số 15-BC/BDVHU", "--place", "Kon Rẫy", "--issuer", "Ban Dân vận Huyện ủy", "--superior", "Đảng bộ tỉnh Kon Tum", "--output"];
    let (code, _, err) = run(danvan(&data).args(args).arg(&docx));
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::metadata(&docx).unwrap().len() > 1000);
    let soffice = ["soffice", "libreoffice"].into_iter().find(|b| Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()));
    let Some(soffice) = soffice else {
        println!("LibreOffice is not installed: the DOCX-to-PDF check is skipped");
        return;
    };
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    let out = Command::new(soffice).args(["--headless", &profile, "--convert-to", "pdf", "--outdir"]).arg(dir.path()).arg(&docx).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = dir.path().join("bao-cao.pdf");
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&out.stdout));
    let Ok(text) = Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output() else {
        println!("pdftotext is not installed: the PDF's text is not read");
        return;
    };
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    for needle in ["ĐẢNG BỘ TỈNH KON TUM", "BAN DÂN VẬN HUYỆN ỦY", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 15-BC/BDVHU", "BÁO CÁO", "Kon Rẫy, ngày", "25 mô hình kinh tế", "05 mô hình về quốc phòng - an ninh"] {
        assert!(text.contains(needle), "{needle} not in the PDF:\n{text}");
    }
    let table_row = text.lines().find(|l| l.trim_start().starts_with("kinh tế")).expect("the table's economy row");
    assert_eq!(table_row.split_whitespace().nth(2), Some("25"), "{table_row}");
}
