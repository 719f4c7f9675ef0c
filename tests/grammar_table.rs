//! Surface forms of references, positive and negative, written from
//! REFERENCES.md §2-3 and from real phrasing in provincial Party papers.
//! Each row: the text, and the keys it must yield in reading order (with
//! `#YYYY` where the rules of §3 find a year). Articles are set in Yên Bái
//! unless a row says otherwise.

use vanban::refs::registry::Registry;
use vanban::refs::{cite, ArticleContext};

const P: &str = "yen-bai";

fn keys(text: &str, province: Option<&str>) -> Vec<String> {
    let (registry, errors) = Registry::new(&[]);
    assert!(errors.is_empty());
    let context = ArticleContext {
        province: province.map(str::to_string),
        date: None,
        ..Default::default()
    };
    cite(
        text,
        std::slice::from_ref(&(0..text.len())),
        &context,
        &registry,
    )
    .citations
    .into_iter()
    .map(|c| c.key)
    .collect()
}

fn check(rows: &[(&str, &[&str])]) {
    let rows: Vec<(&str, &str, &[&str])> = rows.iter().map(|&(t, e)| (P, t, e)).collect();
    check_in(&rows);
}

/// Rows of (the article's province, text, keys).
fn check_in(rows: &[(&str, &str, &[&str])]) {
    let mut failures = Vec::new();
    for (province, text, expected) in rows {
        let got = keys(text, Some(province));
        if got != *expected {
            failures.push(format!(
                "{text:?} in {province}\n   expected {expected:?}\n   got      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn party_codes() {
    check(&[
        (
            "BTV Tỉnh uỷ ban hành Chỉ thị số 26-CT/TU về giải pháp",
            &["26-CT/TU@yen-bai"],
        ),
        ("Nghị quyết số 22-NQ/TW", &["22-NQ/TW#2008"]),
        ("theo Hướng dẫn số 09-HD/BTCTW", &["9-HD/BTCTW"]),
        ("Quy định số 05-QĐ/TU về tiêu chí", &["5-QĐ/TU@yen-bai"]),
        (
            "thực hiện Đề án 534-QĐ/TU của Tỉnh ủy",
            &["534-QĐ/TU@yen-bai"],
        ),
        (
            "ban hành Kế hoạch số 130- KH/TU về dự sinh hoạt",
            &["130-KH/TU@yen-bai"],
        ),
        ("Kết luận số 100 - KL/TW", &["100-KL/TW"]),
        ("Nghị quyết 11–NQ/TW", &["11-NQ/TW"]),
        ("thực hiện chỉ thị 50 CT/TW", &["50-CT/TW"]),
        ("Chương trình 65-Ctr/TU", &["65-CTr/TU@yen-bai"]),
        ("Chỉ thị số 22/CT-TW của Ban Bí thư", &["22-CT/TW"]),
        ("Quy định 08-QĐi/TW", &["8-QĐi/TW#2018"]),
        ("nghị quyết số 26-nq/tw", &["26-NQ/TW#2018"]),
        ("NGHỊ QUYẾT SỐ 18-NQ/TW", &["18-NQ/TW#2017"]),
        ("quán triệt 35-NQ/TW đến cán bộ", &["35-NQ/TW#2018"]),
        ("Thông báo kết luận số 123-TB/TW", &["123-TB/TW"]),
        (
            "Chương trình hành động số 15-CTr/TU",
            &["15-CTr/TU@yen-bai"],
        ),
        ("Nghị quyết chuyên đề số 05-NQ/TU", &["5-NQ/TU@yen-bai"]),
        (
            "Chương trình kiểm tra, giám sát số 08 của Ủy ban Kiểm tra Tỉnh ủy",
            &["8-CTr/UBKTTU@yen-bai"],
        ),
        // A steering committee's code is the Centre's when its mention says so.
        (
            "Kế hoạch số 141/KH-BCĐTKNQ18 ngày 06/12/2024 của Ban Chỉ đạo Trung ương; Công văn số 43-CV/BCĐ của Ban Chỉ đạo Trung ương; Kế hoạch số 12-KH/BCĐ của Ban Chỉ đạo tỉnh",
            &["141/KH-BCĐTKNQ18#2024", "43-CV/BCĐ", "12-KH/BCĐ@yen-bai"],
        ),
        // Organs issuing a document together write their codes one after another.
        (
            "Quy chế phối hợp số 05-QC/ĐU-HU ngày 12/3/2021; Chương trình phối hợp số 05-CTr/BDVTU-ĐUQS-ĐUBP-ĐUCA",
            &["5-QC/ĐU-HU@yen-bai#2021", "5-CTr/BDVTU-ĐUQS-ĐUBP-ĐUCA@yen-bai"],
        ),
        ("Quy định số 205-QĐ/TW", &["205-QĐ/TW#2019"]),
        ("Quy định số 169-QĐ/TW", &["169-QĐ/TW"]),
        ("Quy định số 69-QĐ/TW", &["69-QĐ/TW#2022"]),
        ("Quy định 101-QĐ/TW", &["101-QĐ/TW#2012"]),
        (
            "Quy định 37-QĐ/TW về những điều đảng viên không được làm",
            &["37-QĐ/TW#2021"],
        ),
        ("Hướng dẫn số 12-HD/BTGTW", &["12-HD/BTGTW"]),
        ("Công văn số 123-CV/TU", &["123-CV/TU@yen-bai"]),
        ("Thông tri số 01-TT/TW", &["1-TT/TW"]),
        ("Quy chế số 05-QC/TU", &["5-QC/TU@yen-bai"]),
        ("Báo cáo số 12-BC/TU", &["12-BC/TU@yen-bai"]),
        ("Nghị quyết số 05-NQ/ThU", &["5-NQ/ThU@yen-bai"]),
        ("Kế hoạch số 15-KH/ĐUK", &["15-KH/ĐUK@yen-bai"]),
        ("Nghị quyết số 02-NQ/ĐU", &["2-NQ/ĐU@yen-bai"]),
        (
            "Chỉ thị số 17-CT/TU của Tỉnh ủy Lai Châu",
            &["17-CT/TU@lai-chau"],
        ),
        (
            "Nghị quyết số 12-NQ/TU của Tỉnh ủy Lai Châu",
            &["12-NQ/TU@lai-chau"],
        ),
        (
            "Chỉ thị số 26-CT/TU của Tỉnh ủy Hoà Bình",
            &["26-CT/TU@hoa-binh"],
        ),
        ("Hướng dẫn 36-HD/VPTW", &["36-HD/VPTW"]),
        ("Kết luận 18-KL/TW", &["18-KL/TW#2017"]),
        ("Chỉ thị số 10-CT/TW", &["10-CT/TW#2007"]),
    ]);
}

#[test]
fn dates_issuers_and_years() {
    check(&[
        // A month after a comma; a passive clause with issuer and date.
        (
            "Đề án số 04-ĐA/TU, tháng 9/2018 của Tỉnh ủy; Kết luận số 56-KL/TU được Ban Thường vụ Tỉnh ủy ban hành ngày 30/6/2022",
            &["4-ĐA/TU@yen-bai#2018", "56-KL/TU@yen-bai#2022"],
        ),
        // A clause's date before its issuer, with who signs between them,
        // after a connective, or right before the verb.
        (
            "Ngày 22-12-2024, Tổng Bí thư Tô Lâm thay mặt Bộ Chính trị ký ban hành Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ",
            &["57-NQ/TW#2024"],
        ),
        (
            "Nếu Quy định số 114-QĐ/TW tập trung vào công tác cán bộ, thì ngày 27/10/2023, Bộ Chính trị tiếp tục ban hành Quy định số 131-QĐ/TW về kiểm soát quyền lực",
            &["114-QĐ/TW", "131-QĐ/TW#2023"],
        ),
        (
            "Đến ngày 16/6/2022, Hội nghị Trung ương 5 khóa XIII ban hành Nghị quyết số 45-NQ/TW",
            &["45-NQ/TW#2022"],
        ),
        (
            "Bộ Chính trị có Kết luận số 79-KL/TW; đồng thời ngày 12/6/2021 ban hành Nghị quyết số 02-NQ/TW về đổi mới",
            &["79-KL/TW", "2-NQ/TW#2021"],
        ),
        // Not across a clause that names a place, nor a count.
        (
            "Ngày 5/3/2024, tại hội trường Tỉnh ủy, Bộ Chính trị đã ban hành Nghị quyết số 45-NQ/TW",
            &["45-NQ/TW"],
        ),
        // A date between commas before an organ dates the organ's clause.
        (
            "Sau 15 năm thực hiện Nghị quyết số 26-NQ/TW ngày 5/8/2008 của Hội nghị Trung ương 7 khóa X. Tiếp nối Nghị quyết 26, ngày 16/6/2022, Ban Chấp hành Trung ương ban hành Nghị quyết số 45-NQ/TW về nông nghiệp",
            &["26-NQ/TW#2008", "26-NQ/TW#2008", "45-NQ/TW#2022"],
        ),
        // Also with who signs for the organ between them.
        (
            "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị. Sau 5 năm thực hiện Chỉ thị 05, ngày 18-5-2021, Tổng Bí thư thay mặt Bộ Chính trị ký ban hành Kết luận số 01-KL/TW",
            &["5-CT/TW#2016", "5-CT/TW#2016", "1-KL/TW#2021"],
        ),
        ("Kết luận số 21-KL/TW, ngày 25/10/2021 của BCH T.Ư Đảng khóa XIII", &["21-KL/TW#2021"]),
        ("Chỉ thị số 10-CT/TW ngày 30 tháng 3 năm 2007 của Ban Bí thư", &["10-CT/TW#2007"]),
        ("Chỉ thị số 05-CT/TW ngày 15-5-2016", &["5-CT/TW#2016"]),
        ("Kế hoạch số 81-KH/TU ngày 08/12/2017 của Ban Thường vụ Tỉnh ủy", &["81-KH/TU@yen-bai#2017"]),
        ("Nghị quyết số 12-NQ/TW ngày 16/01/2012", &["12-NQ/TW#2012"]),
        ("Nghị quyết số 12-NQ/TW ngày 16/3/2022 của Bộ Chính trị", &["12-NQ/TW#2022"]),
        ("Nghị quyết số 12-NQ/TW của Bộ Chính trị về xây dựng lực lượng Công an nhân dân", &["12-NQ/TW#2022"]),
        ("Nghị quyết số 12-NQ/TW về doanh nghiệp nhà nước", &["12-NQ/TW#2017"]),
        ("Nghị quyết số 12-NQ/TW", &["12-NQ/TW#2012"]),
        ("Nghị quyết số 21-NQ/TW về tăng cường củng cố, xây dựng tổ chức cơ sở đảng", &["21-NQ/TW#2022"]),
        ("Nghị quyết số 21-NQ/TW về hoàn thiện thể chế kinh tế thị trường", &["21-NQ/TW#2008"]),
        // A date after `ban hành`, an issuer before `ban hành` with adverbs.
        (
            "Chỉ thị số 26-CT/TU ban hành ngày 8/8/2022 của Ban Thường vụ Tỉnh ủy",
            &["26-CT/TU@yen-bai#2022"],
        ),
        ("Nghị quyết số 23-NQ/TW được ban hành ngày 6/10/2022", &["23-NQ/TW#2022"]),
        (
            "Ban Thường vụ Tỉnh ủy Hòa Bình đã kịp thời ban hành Chỉ thị số 17 về",
            &["17-CT/TU@hoa-binh"],
        ),
        (
            "Ban Thường vụ Huyện ủy Lạc Sơn cũng vừa ký ban hành Kế hoạch số 40-KH/HU",
            &["40-KH/HU@hoa-binh/lac-son"],
        ),
        // A sentence that opens with the day the organ issued it.
        (
            "(ĐCSVN) - Ngày 16/6/2022, Ban Chấp hành Trung ương ban hành Nghị quyết số 19-NQ/TW về nông nghiệp",
            &["19-NQ/TW#2022"],
        ),
        (
            "(Baodaklak.vn) - Ngày 10/5/2024, Ban Thường vụ Tỉnh ủy Đắk Lắk ban hành Kế hoạch số 5-KH/TU",
            &["5-KH/TU@dak-lak#2024"],
        ),
        (
            "TTO - Ngày 10/5/2024, Ban Thường vụ Tỉnh ủy Đắk Lắk ban hành Kế hoạch số 5-KH/TU",
            &["5-KH/TU@dak-lak#2024"],
        ),
        (
            "Ngày 1/2/2023, tỉnh tổng kết; Tỉnh ủy ban hành Kế hoạch số 5-KH/TU. Ngày 3/3/2021, Tỉnh ủy tổ chức hội nghị và ban hành Kế hoạch số 6-KH/TU",
            &["5-KH/TU@yen-bai", "6-KH/TU@yen-bai"],
        ),
        (
            "Ban Thường vụ Tỉnh ủy Yên Bái đã ban hành nhiều văn bản lãnh đạo, chỉ đạo, trong đó có Chỉ thị số 17 về sinh hoạt chi bộ",
            &["17-CT/TU@yen-bai"],
        ),
        (
            "Sau khi Bộ Chính trị ban hành Kết luận số 14-KL/TW, tỉnh đã ban hành Chỉ thị số 15",
            &["14-KL/TW", "15-CT@yen-bai"],
        ),
        // A sentence that opens with a province places an issuer that names none.
        (
            "Tại Quảng Ninh, Ban Thường vụ Tỉnh ủy ban hành Quy định số 1089-QĐ/TU. Ở tỉnh Lạng Sơn, Nghị quyết số 5-NQ/TU được triển khai; Kế hoạch số 6-KH/TU",
            &["1089-QĐ/TU@quang-ninh", "5-NQ/TU@lang-son", "6-KH/TU@yen-bai"],
        ),
        (
            "Tại Quảng Ninh, Tỉnh ủy Bắc Giang ban hành Kế hoạch số 7-KH/TU",
            &["7-KH/TU@bac-giang"],
        ),
        (
            "UBND TP. Hạ Long đã ban hành Kế hoạch số 5/KH-UBND",
            &["5/KH-UBND@quang-ninh/ha-long"],
        ),
        // The organ whose verb stands before the type word, not an earlier one.
        (
            "Sau khi Bộ Chính trị ban hành Kết luận số 14-KL/TW, Ban Thường vụ Tỉnh ủy Kon Tum đã ban hành Chỉ thị số 15",
            &["14-KL/TW", "15-CT/TU@kon-tum"],
        ),
        (
            "Ngay sau khi Trung ương ban hành KL 01, Thành ủy Hạ Long đã ban hành Kế hoạch số 88-KH/ThU ngày 10/6/2021",
            &["1-KL/TW#2021", "88-KH/ThU@quang-ninh/ha-long#2021"],
        ),
        // An organ named before the code chooses among its documents, as after it.
        ("Bộ Chính trị ban hành Nghị quyết số 12-NQ/TW.", &["12-NQ/TW#2022"]),
        ("Ban Bí thư vừa ban hành Chỉ thị số 05-CT/TW.", &["5-CT/TW#2021"]),
        (
            "HĐND tỉnh Nghệ An thông qua Nghị quyết số 11/2022/NQ-HĐND",
            &["11/2022/NQ-HĐND@nghe-an"],
        ),
        // Abbreviated organs; the Central Public Security Party Committee.
        ("Quy định 69 của BCT", &["69-QĐ/TW#2022"]),
        ("Chỉ thị 05 của BBT về công tác giảm nghèo", &["5-CT/TW#2021"]),
        (
            "Nghị quyết số 12-NQ/ĐUCA ngày 16/7/2022 của Đảng ủy Công an Trung ương",
            &["12-NQ/ĐUCA#2022"],
        ),
        // A year the article states for a code is not another organ's.
        (
            "Chỉ thị số 05-CT/TW ngày 23/6/2021 của Ban Bí thư và Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị 05 của Bộ Chính trị. Chỉ thị 05 của Ban Bí thư phải",
            &["5-CT/TW#2021", "1-KL/TW#2021", "5-CT/TW#2016", "5-CT/TW#2021"],
        ),
        // The khóa named picks the document of that term.
        ("Nghị quyết số 21-NQ/TW của Ban Chấp hành Trung ương khóa X", &["21-NQ/TW#2008"]),
        // A city inside a province, a district with its province after it.
        (
            "Kế hoạch số 12-KH/ThU ngày 3/3/2022 của Thành ủy Vĩnh Yên",
            &["12-KH/ThU@vinh-phuc/vinh-yen#2022"],
        ),
        ("Chỉ thị số 05 của Thành ủy Vĩnh Yên", &["5-CT/ThU@vinh-phuc/vinh-yen"]),
        ("Chỉ thị số 05 của Thành ủy Hải Phòng", &["5-CT/TU@hai-phong"]),
        (
            "Quận ủy Ba Đình (Hà Nội) ban hành Kế hoạch số 25-KH/QU",
            &["25-KH/QU@ha-noi/ba-dinh"],
        ),
        ("Nghị quyết số 12-NQ/TW của Ban Chấp hành Trung ương khóa XII", &["12-NQ/TW#2017"]),
        ("Nghị quyết số 12-NQ/TW của Bộ Chính trị khóa XIII", &["12-NQ/TW#2022"]),
        ("Chỉ thị số 05-CT/TW về công tác giảm nghèo bền vững", &["5-CT/TW#2021"]),
        ("Chỉ thị số 05-CT/TW của Ban Bí thư", &["5-CT/TW#2021"]),
        ("Chỉ thị số 05-CT/TW của Bộ Chính trị", &["5-CT/TW#2016"]),
        ("Nghị quyết số 22-NQ/TW năm 2008", &["22-NQ/TW#2008"]),
        // Commas around the date, as journals write it.
        ("Chỉ thị số 05, ngày 23-6-2021, của Ban Bí thư", &["5-CT/TW#2021"]),
        ("Chỉ thị số 05-CT/TW, của Ban Bí thư", &["5-CT/TW#2021"]),
        // A date wrapped onto the next line.
        ("Nghị quyết số 10-NQ/TU ngày\n15/10/2016 của Tỉnh ủy Lào Cai", &["10-NQ/TU@lao-cai#2016"]),
        ("Nghị quyết số 10-NQ/TU ngày 15 tháng 10\nnăm 2016", &["10-NQ/TU@yen-bai#2016"]),
        ("Nghị quyết số 10-NQ/TU ngày 15/10/\n2016", &["10-NQ/TU@yen-bai#2016"]),
        ("Nghị quyết số 10-NQ/TU ngày 15/10\nNăm 2016 tỉnh", &["10-NQ/TU@yen-bai"]),
        // A month and year date the mention as well as a whole date does.
        ("Nghị quyết số 12-NQ/TU tháng 10/2020 của Tỉnh ủy Lào Cai", &["12-NQ/TU@lao-cai#2020"]),
        ("Kế hoạch số 45-KH/TU tháng 3 năm 2022 của Tỉnh ủy Nam Định", &["45-KH/TU@nam-dinh#2022"]),
        ("Kế hoạch số 45-KH/TU tháng 13/2022", &["45-KH/TU@yen-bai"]),
        ("Ngày 8/8, Tỉnh ủy ban hành Chỉ thị số 26-CT/TU ngày 8/8", &["26-CT/TU@yen-bai"]),
        ("Kế hoạch số 90-KH/TU, ngày 1/4/2022 của BTV Tỉnh ủy. Sau đó, Kế hoạch số 90-KH/TU được triển khai", &["90-KH/TU@yen-bai#2022", "90-KH/TU@yen-bai#2022"]),
        ("theo tinh thần Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị về tăng cường bảo vệ nền tảng tư tưởng của Đảng", &["35-NQ/TW#2018"]),
        ("Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương về trách nhiệm nêu gương", &["8-QĐi/TW#2018"]),
        ("Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị", &["1-KL/TW#2021"]),
        ("Kết luận số 18-KL/TW ngày 22 tháng 9 năm 2017 của Ban Bí thư Trung ương (khóa XII)", &["18-KL/TW#2017"]),
        ("Nghị quyết số 04-NQ/TW ngày 30/10/2016", &["4-NQ/TW#2016"]),
        ("Nghị quyết số 26-NQ/TW ngày 19/5/2018 Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng khóa XII", &["26-NQ/TW#2018"]),
        ("Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập", &["5-CT/TW#2016"]),
        ("Nghị quyết số 45-NQ/TU ngày 3/2/2020 của Ban Chấp hành Đảng bộ tỉnh", &["45-NQ/TU@yen-bai#2020"]),
        (
            "Nghị quyết số 21-NQ/TW, ngày 16/6/2022 của Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII về tăng cường",
            &["21-NQ/TW#2022"],
        ),
        ("Thông tư liên tịch số 01/2014/TTLT-BNV-BTC", &["1/2014/TTLT-BNV-BTC"]),
        ("Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ", &["1847/QĐ-TTg#2018"]),
        ("Chỉ thị số 28-CT/TU, ngày 10-8-2018 của Ban Thường vụ Tỉnh ủy về", &["28-CT/TU@yen-bai#2018"]),
        ("Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX, nhiệm kỳ 2020 - 2025", &["NQDH/XIX@yen-bai"]),
        ("Chỉ thị số 26-CT/ TU", &["26-CT/TU@yen-bai"]),
        ("Nghị quyết số 08-NQ/ĐUQS của Đảng ủy Quân sự tỉnh", &["8-NQ/ĐUQS@yen-bai"]),
        ("Kế hoạch số 12-KH/BCĐ", &["12-KH/BCĐ@yen-bai"]),
        ("Nghị quyết số 05-NQ/BCSĐ", &["5-NQ/BCSĐ@yen-bai"]),
        ("NQ Trung ương 4 (khóa XII)", &["4-NQ/TW#2016"]),
        ("Chỉ thị số 17/CT-TU", &["17-CT/TU@yen-bai"]),
        // Hyphens as pasted from word processors: U+2011, U+2010, the minus sign.
        ("Nghị quyết số 21\u{2011}NQ/TW ngày 16/6/2022", &["21-NQ/TW#2022"]),
        ("Chỉ thị số 26\u{2010}CT/TU; Quyết định số 15/QĐ\u{2212}UBND", &["26-CT/TU@yen-bai", "15/QĐ-UBND@yen-bai"]),
        // A bare code is found with any of them too.
        ("thực hiện 22\u{2011}NQ/TW của Ban Chấp hành Trung ương", &["22-NQ/TW#2008"]),
        ("Nghị quyết số 15-NQ/TU (ngày 6/9/2021) của Tỉnh ủy", &["15-NQ/TU@yen-bai#2021"]),
        // A date written with dots gives the year.
        ("Chỉ thị số 05-CT/TU ngày 15.5.2016 của Tỉnh ủy", &["5-CT/TU@yen-bai#2016"]),
        ("NQ số 09-NQ/TU", &["9-NQ/TU@yen-bai"]),
        // `TƯ` for `TW` inside the code.
        ("Nghị quyết số 04-NQ/TƯ ngày 30/10/2016", &["4-NQ/TW#2016"]),
        ("Chỉ thị số 22/CT-TƯ", &["22-CT/TW"]),
        ("Quyết định số 2222/QĐ-UBND ngày 15/10/2020 của UBND tỉnh Lào Cai", &["2222/QĐ-UBND@lao-cai#2020"]),
        ("Nghị quyết số 11-NQ/TU ngày 6/9/2021 của Tỉnh ủy Phú Yên. Sau đó", &["11-NQ/TU@phu-yen#2021"]),
    ]);
}

#[test]
fn state_codes() {
    check(&[
        // An ordinance of the National Assembly's Standing Committee.
        (
            "Pháp lệnh số 34/2007/PL-UBTVQH11 về thực hiện dân chủ ở xã",
            &["34/2007/PL-UBTVQH11"],
        ),
        // The National Assembly's Standing Committee writes its term; a
        // consolidated text, the Committee for Ethnic Affairs: central.
        (
            "Nghị quyết số 76/2025/UBTVQH15 của Ủy ban Thường vụ Quốc hội; Nghị quyết số 1654/NQ-UBTVQH15 ngày 16/6/2025",
            &["76/2025/UBTVQH15", "1654/NQ-UBTVQH15#2025"],
        ),
        (
            "Văn bản hợp nhất số 03/VBHN-BNV; Thông tư số 02/2022/TT-UBDT",
            &["3/VBHN-BNV", "2/2022/TT-UBDT"],
        ),
        ("Nghị định số 114/2014/NĐ-CP", &["114/2014/NĐ-CP"]),
        ("Nghị quyết số 08/NQ-CP", &["8/NQ-CP"]),
        ("Nghị quyết số 08/NQ-CP ngày 24/01/2022", &["8/NQ-CP#2022"]),
        (
            "Số: 17/CT-UBND của UBND tỉnh về tăng cường",
            &["17/CT-UBND@yen-bai"],
        ),
        ("theo văn bản số 238/UBND-KGVX", &["238/UBND-KGVX@yen-bai"]),
        (
            "Quyết định số 1.234/QĐ-UBND của UBND tỉnh",
            &["1234/QĐ-UBND@yen-bai"],
        ),
        ("Quy định số 69-QĐ\u{ad}/TW", &["69-QĐ/TW#2022"]),
        ("Chỉ thị số 05-CT/T.Ư", &["5-CT/TW#2016"]),
        (
            "Nghị định số 30/2020/NĐ - CP của Chính phủ",
            &["30/2020/NĐ-CP"],
        ),
        (
            "công văn 3600/ubnd-vx ngày 5/10/2021 của UBND tỉnh",
            &["3600/UBND-VX@yen-bai#2021"],
        ),
        ("công văn số 3600/ubnd-vx", &["3600/UBND-VX@yen-bai"]),
        // A district's people's committee numbers its own: the key has the district.
        (
            "Quyết định số 456/QĐ-UBND ngày 14/2/2022 của UBND huyện Tam Đảo",
            &["456/QĐ-UBND@vinh-phuc/tam-dao#2022"],
        ),
        (
            "UBND huyện Tam Đảo, tỉnh Vĩnh Phúc ban hành Quyết định số 456/QĐ-UBND",
            &["456/QĐ-UBND@vinh-phuc/tam-dao"],
        ),
        (
            "Quyết định số 12/QĐ-UBND của UBND thành phố Hà Nội",
            &["12/QĐ-UBND@ha-noi"],
        ),
        // A ministry's number without its code: the ministry gives the code.
        ("Thông tư số 01 của Bộ Nội vụ", &["1/TT-BNV"]),
        ("Luật số 25/2018/QH14", &["25/2018/QH14"]),
        // A law named before its number: the code alone is found.
        (
            "Căn cứ Luật Cán bộ, công chức số 22/2008/QH12 đã quy định",
            &["22/2008/QH12"],
        ),
        (
            "Nghị định 114/2014/NĐ-CP và 115/2014/NĐ-CP",
            &["114/2014/NĐ-CP", "115/2014/NĐ-CP"],
        ),
        ("Công điện số 05/CĐ-TTg ngày 31/7/2021", &["5/CĐ-TTg#2021"]),
        (
            "Nghị quyết liên tịch số 01/2020/NQLT-BCA-BQP",
            &["1/2020/NQLT-BCA-BQP"],
        ),
        ("Quyết định số 99/QĐ-TTg", &["99/QĐ-TTg"]),
        ("Thông tư số 01/2018/TT-BNV", &["1/2018/TT-BNV"]),
        ("Chỉ thị số 05/CT-TTg", &["5/CT-TTg"]),
        ("quyết định số 1234/qđ-ubnd", &["1234/QĐ-UBND@yen-bai"]),
        ("Kế hoạch số 3505/KH-UBND", &["3505/KH-UBND@yen-bai"]),
        ("Thông báo số 130/TB-UBND", &["130/TB-UBND@yen-bai"]),
        (
            "Nghị quyết số 15/2021/NQ-HĐND",
            &["15/2021/NQ-HĐND@yen-bai"],
        ),
        ("Quyết định 1467/QĐ-UBND", &["1467/QĐ-UBND@yen-bai"]),
        ("Công văn 3600/UBND-VX", &["3600/UBND-VX@yen-bai"]),
        (
            "Quyết định số 749/QĐ- TTg ngày 3/6/2020; Quyết định 749/QĐ -TTg",
            &["749/QĐ-TTg#2020", "749/QĐ-TTg#2020"],
        ),
        // A number with a letter after it is its own document, and a
        // short form keeps the letter.
        (
            "Nghị quyết 30a/2008/NQ-CP của Chính phủ về giảm nghèo; huyện nghèo theo Nghị quyết số 30a được hỗ trợ",
            &["30a/2008/NQ-CP", "30a/2008/NQ-CP"],
        ),
        (
            "Nghị quyết số 09a-NQ/TU ngày 5/3/2019",
            &["9a-NQ/TU@yen-bai#2019"],
        ),
        ("Công văn số 1234a/UBND-NC", &["1234a/UBND-NC@yen-bai"]),
        ("Nghị quyết số 8B-NQ/HNTW ngày 27/3/1990", &["8B-NQ/HNTW#1990"]),
        // A letter that runs into a word is no suffix.
        ("Nghị quyết số 30ab/2008/NQ-CP", &[]),
    ]);
}

#[test]
fn numbers_without_code() {
    check(&[
        // A document listed after one an organ issued is the organ's too.
        (
            "Ban Thường vụ Tỉnh ủy Yên Bái đã ban hành Kế hoạch số 98-KH/TU ngày 30/5/2022 và Đề án số 05 về chuyển đổi số",
            &["98-KH/TU@yen-bai#2022", "5-ĐA/TU@yen-bai"],
        ),
        // A number the sentence goes on from is a document's.
        (
            "Công tác triển khai Đề án 06 trên địa bàn tỉnh",
            &["6-ĐA@yen-bai"],
        ),
        (
            "Lục Ngạn triển khai Chỉ thị 35 nghiêm túc",
            &["35-CT@yen-bai"],
        ),
        ("Chỉ thị 05 đi vào cuộc sống", &["5-CT@yen-bai"]),
        (
            "Nghị quyết 18 và 19 của Ban Chấp hành Trung ương",
            &["18-NQ/TW#2017", "19-NQ/TW#2017"],
        ),
        (
            "gắn với thực hiện Chỉ thị 05 của Bộ Chính trị về",
            &["5-CT/TW#2016"],
        ),
        (
            "Chỉ thị số 35 ngày 30/5/2019 của Bộ Chính trị",
            &["35-CT/TW#2019"],
        ),
        (
            "Chỉ thị số 05 của Ban Bí thư về giảm nghèo",
            &["5-CT/TW#2021"],
        ),
        ("Kết luận 01 của Bộ Chính trị", &["1-KL/TW#2021"]),
        (
            "thực hiện Đề án số 03 về nâng cao chất lượng",
            &["3-ĐA@yen-bai"],
        ),
        (
            "Ban Thường vụ Tỉnh ủy Yên Bái đã ban hành Chỉ thị số 17 về",
            &["17-CT/TU@yen-bai"],
        ),
        (
            "Ban Thường vụ Tỉnh ủy Lào Cai đã ban hành Chỉ thị số 17 về",
            &["17-CT/TU@lao-cai"],
        ),
        (
            "BTV Đảng ủy Khối Các cơ quan (CCQ) tỉnh đã ban hành Đề án số 03 về",
            &["3-ĐA/ĐUK@yen-bai"],
        ),
        ("Nghị quyết số 18 của Tỉnh ủy", &["18-NQ/TU@yen-bai"]),
        (
            "Quy định số 37 của Ban Chấp hành Trung ương",
            &["37-QĐ/TW#2021"],
        ),
        (
            "Hướng dẫn số 12 của Ban Tổ chức Trung ương",
            &["12-HD/BTCTW"],
        ),
        ("Kế hoạch số 45 của UBND tỉnh", &["45/KH-UBND@yen-bai"]),
        ("Chỉ thị số 3 của Thủ tướng Chính phủ", &["3/CT-TTg"]),
        ("Nghị quyết số 15 của HĐND tỉnh", &["15/NQ-HĐND@yen-bai"]),
        ("Kế hoạch số 07 của Huyện ủy", &["7-KH/HU@yen-bai"]),
        // Organs named by their codes, as briefs write them.
        ("tập huấn HD 36 của VPTW về thể thức", &["36-HD/VPTW"]),
        ("HD 09 của BTCTW", &["9-HD/BTCTW"]),
        ("NQ số 05 của BCH ĐB tỉnh", &["5-NQ/TU@yen-bai"]),
        ("HD 03 của UBKT TU", &["3-HD/UBKTTU@yen-bai"]),
        ("KH 12 của BTV TU", &["12-KH/TU@yen-bai"]),
        (
            "Nghị quyết số 10 của Đảng ủy Khối Các cơ quan tỉnh",
            &["10-NQ/ĐUK@yen-bai"],
        ),
        // The organ that issued the first of a list issued the next, past
        // the first one's subject.
        (
            "Ban Chấp hành Đảng bộ tỉnh đã ban hành Nghị quyết số 01 về phát triển nông nghiệp và Nghị quyết số 02 về phát triển du lịch.",
            &["1-NQ/TU@yen-bai", "2-NQ/TU@yen-bai"],
        ),
        // The bloc of both, as several provinces merged them.
        (
            "Ban Thường vụ Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh đã ban hành Đề án số 02 về",
            &["2-ĐA/ĐUK@yen-bai"],
        ),
        ("Chỉ thị số 12 của Thành ủy Hà Nội", &["12-CT/TU@ha-noi"]),
        (
            "Hướng dẫn số 26 của Ban Tuyên giáo Trung ương",
            &["26-HD/BTGTW"],
        ),
        (
            "Quy định số 22 của Ủy ban Kiểm tra Trung ương",
            &["22-QĐ/UBKTTW"],
        ),
        ("Kế hoạch số 1", &["1-KH@yen-bai"]),
        (
            "Chỉ thị số 17 của Ban Thường vụ Tỉnh uỷ Yên Bái",
            &["17-CT/TU@yen-bai"],
        ),
        (
            "Nghị quyết số 09 của Ban Chấp hành Đảng bộ tỉnh Lai Châu",
            &["9-NQ/TU@lai-chau"],
        ),
        ("Nghị định số 30 của Chính phủ", &["30/NĐ-CP"]),
        // Four digits past any year are a number (the army's are long).
        (
            "Các Nghị quyết số 1658, 2193 của Quân ủy Trung ương; Nghị quyết 2500 của Quân ủy Trung ương",
            &["1658-NQ/QUTW", "2193-NQ/QUTW", "2500-NQ/QUTW"],
        ),
        // A number read once as a document's is one whatever follows it later.
        (
            "Theo Kết luận 137 của Bộ Chính trị, các tỉnh sắp xếp. Kết luận 137 yêu cầu hoàn thành; Kết luận 138 yêu cầu",
            &["137-KL/TW", "137-KL/TW"],
        ),
        // A headline ending in a number, before the body's code; not a
        // line that wraps a sentence.
        (
            "Quán triệt Nghị quyết 66\n\nSáng 7/6, Tỉnh ủy quán triệt Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị.\nCác địa phương thực hiện kế hoạch 5\nnăm qua.",
            &["66-NQ/TW#2025", "66-NQ/TW#2025"],
        ),
        // A number and the year of issue, as a headline writes it before
        // the body's code.
        (
            "Quán triệt Chỉ thị 35 năm 2019 về đại hội. Hội nghị quán triệt Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị",
            &["35-CT/TW#2019", "35-CT/TW#2019"],
        ),
        (
            "Từ Chỉ thị 35 năm 2019 đến Chỉ thị 35 năm 2024 của Bộ Chính trị",
            &["35-CT/TW#2019", "35-CT/TW#2024"],
        ),
    ]);
}

#[test]
fn short_forms() {
    check(&[
        // Type abbreviations before a number: `NĐ 33` after its code, `QĐ`
        // and `CTr` sharing a date with a list of codes.
        (
            "Theo NĐ số 33/2023/NĐ-CP ngày 10/6/2023 của Chính phủ. Theo NĐ 33, từ 01/8/2023",
            &["33/2023/NĐ-CP", "33/2023/NĐ-CP"],
        ),
        (
            "theo QĐ 217-QĐ/TW và 218-QĐ/TW ngày 12/12/2013 của BCT",
            &["217-QĐ/TW#2013", "218-QĐ/TW#2013"],
        ),
        (
            "CTr 17-CTr/TU và 18-CTr/TU ngày 5/3/2021 của Tỉnh ủy",
            &["17-CTr/TU@yen-bai#2021", "18-CTr/TU@yen-bai#2021"],
        ),
        // `QĐ` alone: a quyết định or a quy định, no key.
        ("thực hiện QĐ 96 của BCT", &[]),
        // `Quy định số 08 của Trung ương` after the article's `08-QĐi/TW`.
        (
            "Quy định số 08-QĐi/TW ngày 25/10/2018 về nêu gương. Các Quy định số 101, 55 và 08 của Trung ương",
            &["8-QĐi/TW#2018", "101-QĐ/TW#2012", "55-QĐ/TW", "8-QĐi/TW#2018"],
        ),
        // A short form stands for the mention that wrote its number, not
        // for a plenum's document with that number named in between.
        (
            "Nghị quyết số 12-NQ/TW ngày 03/6/2017 về doanh nghiệp nhà nước; Nghị quyết Trung ương 4 khóa XI; sau một năm thực hiện Nghị quyết 12, cổ phần hóa",
            &["12-NQ/TW#2017", "12-NQ/TW#2012", "12-NQ/TW#2017"],
        ),
        // A short form the article defines names the document before it,
        // whatever its type, and keeps naming it after another document
        // with its number.
        (
            "Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư (gọi tắt là Đề án 06). Đề án 06 được triển khai",
            &["6/QĐ-TTg#2022", "6/QĐ-TTg#2022", "6/QĐ-TTg#2022"],
        ),
        (
            "Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị (gọi tắt là Chỉ thị 35) khác Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị. Thực hiện Chỉ thị 35, các cấp ủy",
            &["35-CT/TW#2024", "35-CT/TW#2024", "35-CT/TW#2019", "35-CT/TW#2024"],
        ),
        // A short form that states its own year is that year's document.
        (
            "Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị về đại hội. Chỉ thị 35 năm 2019 chỉ yêu cầu",
            &["35-CT/TW#2024", "35-CT/TW#2019"],
        ),
        // A State document's short form, with or without its issuer.
        (
            "Nghị định số 178/2024/NĐ-CP ngày 31/12/2024 của Chính phủ. Theo Nghị định 178, cán bộ. Nghị định 34 quy định",
            &["178/2024/NĐ-CP", "178/2024/NĐ-CP"],
        ),
        (
            "Nghị quyết số 98/2023/QH15 của Quốc hội về thí điểm. Nghị quyết 98 của Quốc hội cho phép; Nghị quyết 99 của Quốc hội",
            &["98/2023/QH15", "98/2023/QH15", "99/NQ-QH"],
        ),
        (
            "Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị (sau đây gọi tắt là Chỉ thị 05). Thực hiện Chỉ thị 05, các cấp ủy",
            &["5-CT/TW#2016", "5-CT/TW#2016", "5-CT/TW#2016"],
        ),
        (
            "Chỉ thị số 35 ngày 30/5/2019 của Bộ Chính trị về tổ chức đại hội. Sau khi Chỉ thị số 35 được ban hành",
            &["35-CT/TW#2019", "35-CT/TW#2019"],
        ),
        (
            "Từ Chỉ thị 35 năm 2019 đến Chỉ thị 35 năm 2024 của Bộ Chính trị",
            &["35-CT/TW#2019", "35-CT/TW#2024"],
        ),
        (
            "Nghị quyết số 04-NQ/TW ngày 30/10/2016 (sau đây gọi tắt là Nghị quyết 04). Nghị quyết 04 đã",
            &["4-NQ/TW#2016", "4-NQ/TW#2016", "4-NQ/TW#2016"],
        ),
        ("Nghị quyết số 22-NQ/TW ngày 02/02/2008. Sau 10 năm thực hiện NQ 22, tỉnh", &["22-NQ/TW#2008", "22-NQ/TW#2008"]),
        (
            "Đề án số 03 được triển khai. Việc thực hiện Đề án số 03 của Đảng ủy Khối đạt kết quả",
            &["3-ĐA/ĐUK@yen-bai", "3-ĐA/ĐUK@yen-bai"],
        ),
        ("Đề án 534-QĐ/TU của Tỉnh ủy. Đề án 534 đã", &["534-QĐ/TU@yen-bai", "534-QĐ/TU@yen-bai"]),
        ("Kết luận số 21-KL/TW. Theo Kết luận 21, các cấp ủy", &["21-KL/TW#2021", "21-KL/TW#2021"]),
        (
            "Nghị quyết Trung ương 4 (khóa XII) về xây dựng, chỉnh đốn Đảng. Sau 5 năm thực hiện Nghị quyết 04, các cấp ủy",
            &["4-NQ/TW#2016", "4-NQ/TW#2016"],
        ),
        (
            "Thực hiện Nghị quyết Trung ương 4 (khóa XII), chi bộ đã kiểm điểm. Việc học tập Nghị quyết Trung ương 4 được",
            &["4-NQ/TW#2016", "4-NQ/TW#2016"],
        ),
        (
            "Nghị quyết Trung ương 4 (khóa XI, XII) được quán triệt; Nghị quyết Trung ương 4 đi vào cuộc sống",
            &["12-NQ/TW#2012", "4-NQ/TW#2016", "NQTW4"],
        ),
        // A number cited by code earlier in the text is that document,
        // whatever word follows it.
        (
            "Chỉ thị số 26-CT/TU ngày 8/8/2022 của Ban Thường vụ Tỉnh ủy.\n\nChỉ thị 26 yêu cầu các cấp ủy; Kế hoạch số 90-KH/TU được ban hành. Kế hoạch 90 nhấn mạnh",
            &["26-CT/TU@yen-bai#2022", "26-CT/TU@yen-bai#2022", "90-KH/TU@yen-bai", "90-KH/TU@yen-bai"],
        ),
    ]);
}

#[test]
fn plenums_and_congresses() {
    check(&[
        // A province's Congress named without `tỉnh`.
        (
            "Nghị quyết Đại hội Đảng bộ TPHCM lần thứ XI và Nghị quyết Đại hội Đảng bộ Lào Cai lần thứ XVI",
            &["NQDH/XI@ho-chi-minh", "NQDH/XVI@lao-cai"],
        ),
        // `NQ` before a Congress.
        (
            "tuyên truyền NQ ĐH Đảng bộ tỉnh lần thứ XIX và NQ Đại hội XIII của Đảng",
            &["NQDH/XIX@yen-bai", "NQDH/XIII"],
        ),
        // Khóa lists in Arabic numerals before a conjunction; a plenum held
        // in two sessions.
        (
            "Nghị quyết TW4 khóa 11, 12 và Kết luận TW4 khóa XIII; Nghị quyết TW4 khóa 11 và khóa 12 vì thế",
            &["12-NQ/TW#2012", "4-NQ/TW#2016", "21-KL/TW#2021", "12-NQ/TW#2012", "4-NQ/TW#2016"],
        ),
        ("Nghị quyết Trung ương 6 (lần 2) khóa VIII", &["NQTW6/VIII"]),
        // Plenums of one khóa listed together; a count after a plenum is none.
        (
            "Nghị quyết Trung ương 6, 7 khóa XII; Nghị quyết Trung ương 4, 5 năm qua",
            &["NQTW6/XII", "26-NQ/TW#2018", "NQTW4"],
        ),
        // Past the national Congresses held so far, a number is a local
        // Congress's, unless the text says it is the nation's.
        (
            "Thực hiện Nghị quyết Đại hội lần thứ XXVII; Nghị quyết Đại hội Đảng toàn quốc lần thứ XV; Nghị quyết Đại hội XIV",
            &["NQDH/XXVII@yen-bai", "NQDH/XV", "NQDH/XIV"],
        ),
        // The ordinal after `Trung ương`, the committee named first, a comma before khóa.
        (
            "Nghị quyết Trung ương lần thứ tư (khóa XII)",
            &["4-NQ/TW#2016"],
        ),
        (
            "Nghị quyết Hội nghị Trung ương lần thứ năm khóa XIII",
            &["21-NQ/TW#2022"],
        ),
        (
            "Nghị quyết Hội nghị Ban Chấp hành Trung ương Đảng lần thứ sáu khóa X",
            &["22-NQ/TW#2008"],
        ),
        ("Nghị quyết Trung ương 4, khóa XII", &["4-NQ/TW#2016"]),
        // Two documents of one plenum in one sentence, each by its subject.
        (
            "Nghị quyết Trung ương 6 (khóa X) về tiếp tục hoàn thiện thể chế kinh tế thị trường định hướng xã hội chủ nghĩa, đồng thời Nghị quyết Trung ương 6 (khóa X) về nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng",
            &["21-NQ/TW#2008", "22-NQ/TW#2008"],
        ),
        // Topic words on the next line of a wrapped sentence still choose.
        (
            "Nghị quyết Trung ương 6 (khóa X) về tiếp tục hoàn thiện thể chế\nkinh tế thị trường",
            &["21-NQ/TW#2008"],
        ),
        (
            "Nghị quyết Trung ương 4 khóa XI và khóa XII",
            &["12-NQ/TW#2012", "4-NQ/TW#2016"],
        ),
        (
            "Nghị quyết Trung ương 4 các khóa XI, XII",
            &["12-NQ/TW#2012", "4-NQ/TW#2016"],
        ),
        // The term written before the Party organisation.
        (
            "Nghị quyết Đại hội XIX Đảng bộ tỉnh Yên Bái, nhiệm kỳ 2020 - 2025",
            &["NQDH/XIX@yen-bai"],
        ),
        ("Nghị quyết Đại hội XXIII Đảng bộ huyện", &[]),
        // A named district's Congress, a centrally-run city's.
        (
            "Nghị quyết Đại hội Đảng bộ huyện Thanh Sơn lần thứ XXVI",
            &["NQDH/XXVI@phu-tho/thanh-son"],
        ),
        (
            "Nghị quyết Đại hội Đảng bộ thành phố Hà Nội lần thứ XVII",
            &["NQDH/XVII@ha-noi"],
        ),
        // A plenum's only known document, without evidence, is not taken.
        (
            "Nghị quyết Trung ương 8 khóa XI về Chiến lược bảo vệ Tổ quốc",
            &["NQTW8/XI"],
        ),
        (
            "Nghị quyết Trung ương 8 khóa XI về đổi mới căn bản, toàn diện giáo dục và đào tạo",
            &["29-NQ/TW#2013"],
        ),
        (
            "Nghị quyết Hội nghị Trung ương 6, khóa X",
            &["22-NQ/TW#2008"],
        ),
        ("Nghị quyết Trung ương 4 (khóa XII)", &["4-NQ/TW#2016"]),
        (
            "Nghị quyết T.Ư 4 (khóa XI, XII)",
            &["12-NQ/TW#2012", "4-NQ/TW#2016"],
        ),
        (
            "Nghị quyết Trung ương 4(khóa XI, XII)",
            &["12-NQ/TW#2012", "4-NQ/TW#2016"],
        ),
        (
            "Nghị quyết T.Ư 4 (khóa XII, XIII)",
            &["4-NQ/TW#2016", "21-KL/TW#2021"],
        ),
        ("Nghị quyết Trung ương 6 (khóa X)", &["22-NQ/TW#2008"]),
        (
            "Quán triệt Nghị quyết của Đại hội XIII của Đảng",
            &["NQDH/XIII"],
        ),
        ("Nghị quyết TW4 khóa 11", &["12-NQ/TW#2012"]),
        (
            "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương khóa XII",
            &["4-NQ/TW#2016"],
        ),
        (
            "Kết luận Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng khóa XIII",
            &["21-KL/TW#2021"],
        ),
        ("Nghị quyết TƯ 4 khoá XII", &["4-NQ/TW#2016"]),
        // Plenums listed in words: as `Trung ương 4, 5, 6 khóa XIII`.
        (
            "Nghị quyết Hội nghị lần thứ tư, thứ năm, thứ sáu Ban Chấp hành Trung ương Đảng khóa XIII",
            &["21-KL/TW#2021", "21-NQ/TW#2022", "NQTW6/XIII"],
        ),
        (
            "Nghị quyết Trung ương 4, 5, 6 khóa XIII",
            &["21-KL/TW#2021", "21-NQ/TW#2022", "NQTW6/XIII"],
        ),
        (
            "Nghị quyết Trung ương lần thứ tư và lần thứ năm khóa XIII",
            &["21-KL/TW#2021", "21-NQ/TW#2022"],
        ),
        ("Nghị quyết Trung ương 7 (khóa XII)", &["26-NQ/TW#2018"]),
        (
            "Nghị quyết Trung ương 6 (khóa XII) về sắp xếp tổ chức bộ máy tinh gọn",
            &["18-NQ/TW#2017"],
        ),
        (
            "Nghị quyết Trung ương 6 (khóa XII) về các đơn vị sự nghiệp công lập",
            &["19-NQ/TW#2017"],
        ),
        ("Nghị quyết Trung ương 6 (khóa XII)", &["NQTW6/XII"]),
        (
            "Nghị quyết Trung ương 8 (khóa XI) về đổi mới căn bản, toàn diện giáo dục và đào tạo",
            &["29-NQ/TW#2013"],
        ),
        ("Nghị quyết Trung ương 5 (khóa XIII)", &["21-NQ/TW#2022"]),
        ("Nghị quyết Trung ương 3 (khóa VIII)", &["NQTW3/VIII"]),
        (
            "Nghị quyết Trung ương 6 (khóa X) về kinh tế thị trường",
            &["21-NQ/TW#2008"],
        ),
        (
            "Nghị quyết Trung ương 5 khóa XII về doanh nghiệp nhà nước",
            &["12-NQ/TW#2017"],
        ),
        ("Nghị quyết T.Ư 4 (khóa XIII)", &["21-KL/TW#2021"]),
        (
            "Nghị quyết Hội nghị Trung ương 4 khóa XII",
            &["4-NQ/TW#2016"],
        ),
        ("Nghị quyết Trung ương 4", &["NQTW4"]),
        ("NGHỊ QUYẾT TRUNG ƯƠNG 4 (KHÓA XII)", &["4-NQ/TW#2016"]),
        ("Nghị quyết Trung ương 4 (khoá XII)", &["4-NQ/TW#2016"]),
        (
            "Nghị quyết Đại hội Đảng toàn quốc lần thứ XII",
            &["NQDH/XII"],
        ),
        ("Nghị quyết Đại hội XII của Đảng", &["NQDH/XII"]),
        (
            "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
            &["NQDH/XIII"],
        ),
        ("Nghị quyết Đại hội Đảng lần thứ XIII", &["NQDH/XIII"]),
        (
            "chỉ tiêu Nghị quyết Đại hội Đảng bộ tỉnh đề ra",
            &["NQDH@yen-bai"],
        ),
        (
            "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV",
            &["NQDH/XV@yen-bai"],
        ),
        (
            "Nghị quyết Đại hội Đảng bộ tỉnh Lào Cai lần thứ XVI",
            &["NQDH/XVI@lao-cai"],
        ),
        (
            "đưa nghị quyết ĐH Đảng bộ tỉnh vào cuộc sống",
            &["NQDH@yen-bai"],
        ),
    ]);
}

#[test]
fn lists() {
    check(&[
        (
            "Nghị quyết số 18-NQ/TW và 19-NQ/TW",
            &["18-NQ/TW#2017", "19-NQ/TW#2017"],
        ),
        (
            "Nghị quyết số 79-NQ/TW và số 80-NQ/TW",
            &["79-NQ/TW", "80-NQ/TW"],
        ),
        (
            "các Nghị quyết số 18, 19-NQ/TW",
            &["18-NQ/TW#2017", "19-NQ/TW#2017"],
        ),
        ("các Nghị quyết số 33, 34-NQ/TW", &["33-NQ/TW", "34-NQ/TW"]),
        (
            "Nghị quyết số 18, 19 của BCH Trung ương",
            &["18-NQ/TW#2017", "19-NQ/TW#2017"],
        ),
        (
            "Nghị quyết số 45-NQ/TU và Kế hoạch số 90-KH/TU, ngày 1/4/2022 của BTV Tỉnh ủy",
            &["45-NQ/TU@yen-bai", "90-KH/TU@yen-bai#2022"],
        ),
        (
            "Chỉ thị số 05-CT/TW và 10-CT/TW của Ban Bí thư",
            &["5-CT/TW#2021", "10-CT/TW#2007"],
        ),
        (
            "Nghị quyết số 18-NQ/TW, 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương",
            &["18-NQ/TW#2017", "19-NQ/TW#2017"],
        ),
        (
            "Chỉ thị số 10-CT/TW, Quy định số 05-QĐ/TU ngày 07/12/2017",
            &["10-CT/TW#2007", "5-QĐ/TU@yen-bai#2017"],
        ),
        (
            "Kết luận số 21-KL/TW và Kế hoạch số 90-KH/TU",
            &["21-KL/TW#2021", "90-KH/TU@yen-bai"],
        ),
        // A count after khóa is not another khóa.
        (
            "tổng kết 10 năm thực hiện Nghị quyết Trung ương 4 khóa XI và 5 năm thực hiện Nghị quyết Trung ương 4 khóa XII",
            &["12-NQ/TW#2012", "4-NQ/TW#2016"],
        ),
        // A count after a mention is not a member of a list.
        (
            "Sau 6 năm thực hiện Chỉ thị số 05-CT/TW, 100% chi bộ",
            &["5-CT/TW#2016"],
        ),
        (
            "Quy định số 69-QĐ/TW, 15 đảng viên bị xử lý",
            &["69-QĐ/TW#2022"],
        ),
        ("thực hiện Đề án số 07, 100% cán bộ", &["7-ĐA@yen-bai"]),
    ]);
}

#[test]
fn abbreviations_wrapping_case_and_tones() {
    check(&[
        // Markup closing after a code: its date and issuer come after it.
        (
            "**Chỉ thị số 35-CT/TW**, ngày 14/6/2024 của Bộ Chính trị. [Nghị quyết số 57-NQ/TW][nq57] ngày 22/12/2024. Quy định số 41-QĐ/TW</a> ngày 03/11/2021. [Kết luận số 64-KL/TW](https://x.vn/a?b=1) ngày 28/5/2013.",
            &["35-CT/TW#2024", "57-NQ/TW#2024", "41-QĐ/TW#2021", "64-KL/TW#2013"],
        ),
        // Lines wrapped after a code's slash, after the Centre's name, inside an ordinal.
        (
            "Chỉ thị số 28-CT/\nTW ngày 21/9/2013 của Ban\nBí thư. Luật số 25/2018/\nQH14. Nghị quyết T.Ư\n4 (khóa XII) và Nghị quyết Hội nghị lần thứ\nnăm Ban Chấp hành Trung ương khóa XIII.",
            &["28-CT/TW#2013", "25/2018/QH14", "4-NQ/TW#2016", "21-NQ/TW#2022"],
        ),
        ("CT 05 của Bộ Chính trị", &["5-CT/TW#2016"]),
        ("thực hiện NQ21 của Tỉnh ủy", &["21-NQ/TU@yen-bai"]),
        ("NQ TW4 khóa XII", &["4-NQ/TW#2016"]),
        ("sau 5 năm thực hiện NQ 22", &["22-NQ@yen-bai"]),
        ("Nghị quyết số\n22-NQ/TW", &["22-NQ/TW#2008"]),
        (
            "Chỉ thị số 26-CT/TU ngày 8/8/2022 của Ban Thường vụ\nTỉnh ủy",
            &["26-CT/TU@yen-bai#2022"],
        ),
        (
            "Nghị quyết T.Ư 4 (Khóa XI, XII)",
            &["12-NQ/TW#2012", "4-NQ/TW#2016"],
        ),
        ("nghị quyết trung ương 4 khóa xii", &["4-NQ/TW#2016"]),
        // A tail wrapped onto the next line, which goes on in lower case.
        (
            "Kế hoạch số 45-KH/TU\nngày 3/3/2021 của Ban Thường vụ Tỉnh ủy",
            &["45-KH/TU@yen-bai#2021"],
        ),
        ("Nghị quyết Trung ương 4\n(khóa XII)", &["4-NQ/TW#2016"]),
        (
            "thực hiện Kế hoạch số 45-KH/TU\nNgày 3/3/2021, Ban Thường vụ Tỉnh ủy họp",
            &["45-KH/TU@yen-bai"],
        ),
        ("CHỈ THỊ SỐ 05-CT/TW", &["5-CT/TW#2016"]),
        ("Chỉ\u{a0}thị\u{a0}số\u{a0}05-CT/TW", &["5-CT/TW#2016"]),
        ("Nghị quyết số 22-NQ/\u{200b}TW", &["22-NQ/TW#2008"]),
    ]);
}

#[test]
fn not_citations() {
    let rows: &[&str] = &[
        // A count of days, not a date of issue.
        "triển khai Kế hoạch 100 ngày đêm thi đua",
        "thực hiện Chỉ thị 15 ngày cao điểm",
        // Another organisation's Congress, numbered as the Party's are.
        "Nghị quyết Đại hội XIII Công đoàn Việt Nam",
        "Nghị quyết Đại hội XII Hội Liên hiệp Phụ nữ Việt Nam",
        "các chỉ thị, nghị quyết của Trung ương, Tỉnh ủy về công tác xây dựng Đảng",
        "thường xuyên giám sát việc thực hiện nghị quyết sau khi được ban hành",
        "triển khai thực hiện chỉ thị.",
        "Kế hoạch năm 2021",
        "xây dựng kế hoạch 5 năm",
        "đạt 100% kế hoạch đề ra",
        "kết nạp được 4.013 đảng viên/kế hoạch là 3.000 đảng viên",
        "Kết luận ngày 25/10/2021",
        "giai đoạn 2016 - 2020",
        "chỉ số PAPI của tỉnh xếp thứ 43/63 tỉnh, thành phố",
        "tăng trưởng 9% năm 2022",
        "1. Nghị quyết của chi bộ phải cụ thể",
        "đưa nghị quyết Đại hội Đảng bộ các cấp, nhiệm kỳ 2020-2025 vào cuộc sống",
        "nghị quyết đại hội đảng bộ các cấp trong tỉnh",
        "các nghị quyết của đại hội đảng bộ các cấp",
        "nghị quyết của Đại hội chi bộ",
        "Giấy phép số 361/GP-BTTTT ngày 12/8/2020 của Bộ Thông tin và Truyền thông",
        "theo Hợp đồng số 12/2021/HĐ-UBND",
        "Đề án của Ban Chấp hành Đảng bộ tỉnh về nâng cao năng lực lãnh đạo",
        "Kế hoạch của Ban Thường vụ Tỉnh ủy “Một số vấn đề về tiếp tục đổi mới”",
        "Bài 2 - Tập trung xây dựng đội ngũ cán bộ",
        "phát triển kinh tế - xã hội năm 2022",
        "các quyết định, chỉ thị, quy định của Đảng",
        "chương trình, kế hoạch kiểm tra, giám sát",
        "theo quy định của Ban Bí thư T.Ư",
        "Luật Đất đai 2013",
        "phòng, chống dịch COVID-19",
        "kế hoạch 2021 - 2025",
        "các tổ chức CT-XH",
        "quản lý F0 tại nhà",
        "kế hoạch số lượng đảng viên",
        "Chỉ thị",
        "thông báo 2 lần trong năm",
        "nghị quyết 3 năm qua",
        "Nghị quyết 6 tháng đầu năm",
        "Hướng dẫn 3 bước thực hiện",
        "kế hoạch 5 chỉ tiêu chủ yếu",
        "Kế hoạch 2 đến 3 năm",
        "Kế hoạch 5 năm 2021 - 2025",
        "Kế hoạch 5 năm 2016 đến 2020",
        "nghị quyết 3 năm 2019–2021",
        "Nghị quyết 3 năm 19",
        "kết nạp 312 đảng viên/kế hoạch 300",
        "Quyết định 2 người vào vị trí",
        "tỷ lệ 1/3 số đảng viên",
        "Thông tư hướng dẫn thi hành",
        "trong 5-10 năm tới",
        "Khóa XII",
        "Hội nghị Trung ương 4 khóa XII đã thảo luận",
        "từ ngày 12-15/10/2021",
        "nghị quyết số",
        "Nghị quyết số Đảng bộ",
        "Nghị quyết Đại hội Đảng bộ huyện lần thứ XXI",
        "Trong 2 ngày (27-28/72020) Đại hội thi đua yêu nước tỉnh Lai Châu lần thứ V",
        "lượt xem: 424 | lượt tải:9",
        "Tỉnh ủy chỉ đạo 100% cấp ủy chi, đảng bộ cơ sở",
        "Điện thoại: 0216/3852 123",
        "mã số 12-AB/CD thuộc lô hàng",
        "hơn 9470 đảng viên",
        "mã 12-ab/cd trên nhãn",
        "Số 12-NQ/ubnd",
    ];
    let mut failures = Vec::new();
    for text in rows {
        let got = keys(text, Some(P));
        if !got.is_empty() {
            failures.push(format!("{text:?} gave {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn a_reprinted_documents_number_is_not_a_citation() {
    let text = "Số: 17/CT-UBND\nLai Châu, ngày 15 tháng 10 năm 2021\nCHỈ THỊ VỀ VIỆC TĂNG CƯỜNG CÔNG TÁC QUẢN LÝ BẢO VỆ RỪNG\nUBND tỉnh yêu cầu";
    assert_eq!(keys(text, Some("lai-chau")), Vec::<String>::new());
    // It is the document the article is, dated by its place-and-date line.
    let (registry, _) = Registry::new(&[]);
    let context = ArticleContext {
        province: Some("lai-chau".into()),
        date: None,
        ..Default::default()
    };
    let cited = cite(
        text,
        std::slice::from_ref(&(0..text.len())),
        &context,
        &registry,
    );
    assert_eq!(cited.document.as_deref(), Some("17/CT-UBND@lai-chau#2021"));
    // Its own code again in its text takes the heading's year.
    let again = format!("{text} thực hiện Chỉ thị số 17/CT-UBND; Kế hoạch số 18/KH-UBND.");
    let cited = cite(
        &again,
        std::slice::from_ref(&(0..again.len())),
        &context,
        &registry,
    );
    let keys: Vec<&str> = cited.citations.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["17/CT-UBND@lai-chau#2021", "18/KH-UBND@lai-chau"]);
}

/// A header laid out in two columns, pasted as tab-separated or single
/// lines, still heads the reprinted document.
#[test]
fn a_reprints_header_on_one_line() {
    for text in [
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÀO CAI\tĐộc lập - Tự do - Hạnh phúc\nSố: 25/CT-UBND\tLào Cai, ngày 12 tháng 6 năm 2020\nCHỈ THỊ\nUBND tỉnh yêu cầu",
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI Số: 25/CT-UBND CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Lào Cai, ngày 12 tháng 6 năm 2020\nUBND tỉnh yêu cầu",
    ] {
        assert_eq!(keys(text, Some("lao-cai")), Vec::<String>::new(), "{text}");
    }
    // A sentence that starts with `Số` and mentions a day is no header.
    assert_eq!(
        keys(
            "Số 125/KH-UBND về tổ chức cuộc thi từ ngày 5 tháng 3 năm 2022 đến hết tháng",
            Some("lao-cai")
        ),
        ["125/KH-UBND@lao-cai"]
    );
    // A code after `Số` in a sentence, with no place-and-date, is cited.
    assert_eq!(
        keys(
            "theo văn bản Số 25/CT-UBND của UBND tỉnh về phòng chống",
            Some("lao-cai")
        ),
        ["25/CT-UBND@lao-cai"]
    );
}

/// The title in capitals under a reprint's place-and-date line names the
/// document the article is, as its number does; what its text cites counts.
#[test]
fn a_reprinted_documents_title_is_not_a_citation() {
    let text = "BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 21-NQ/TW\n\nHà Nội, ngày 16 tháng 6 năm 2022\n\nNGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ NĂM BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII\nvề tăng cường củng cố\n\nSau 14 năm thực hiện Nghị quyết Trung ương 6 khóa X về tổ chức cơ sở đảng";
    assert_eq!(keys(text, None), ["22-NQ/TW#2008"]);
    // Without the place-and-date line above, a title in capitals is cited.
    let titled =
        "Hà Nội, 16/6/2022\n\nNGHỊ QUYẾT TRUNG ƯƠNG 6 KHÓA X VỀ TỔ CHỨC CƠ SỞ ĐẢNG\nBài viết";
    assert_eq!(keys(titled, None), ["22-NQ/TW#2008"]);
}

/// District-level issuers: a name several provinces share is the
/// article's province's; city-level units; a commune under its district.
#[test]
fn districts() {
    let rows: &[(&str, &str, &[&str])] = &[
        (
            "nghe-an",
            "KH 45 của BTV HU Nghi Lộc",
            &["45-KH/HU@nghe-an/nghi-loc"],
        ),
        // A name with an apostrophe.
        (
            "dak-lak",
            "Nghị quyết số 09-NQ/HU của Huyện ủy Cư M’gar",
            &["9-NQ/HU@dak-lak/cu-m-gar"],
        ),
        // Units merged away since, which the archive's years name.
        (
            "ha-noi",
            "Kế hoạch số 45-KH/TU ngày 3/3/2006 của Ban Thường vụ Tỉnh uỷ Hà Tây",
            &["45-KH/TU@ha-tay#2006"],
        ),
        (
            "quang-ninh",
            "Nghị quyết số 12-NQ/HU của Huyện ủy Hoành Bồ",
            &["12-NQ/HU@quang-ninh/hoanh-bo"],
        ),
        (
            "hoa-binh",
            "Chỉ thị số 05-CT/HU của Huyện ủy Kỳ Sơn, tỉnh Hòa Bình",
            &["5-CT/HU@hoa-binh/ky-son"],
        ),
        // A district committee's board numbers as the committee does.
        (
            "nghe-an",
            "Kế hoạch số 03-KH/UBKTHU ngày 5/1/2023 của Ủy ban Kiểm tra Huyện ủy Yên Thành",
            &["3-KH/UBKTHU@nghe-an/yen-thanh#2023"],
        ),
        (
            "nghe-an",
            "Thực hiện Chương trình số 06-CTr/HU của Huyện ủy Yên Thành, Ủy ban Kiểm tra ban hành Kế hoạch số 03-KH/UBKTHU.",
            &["6-CTr/HU@nghe-an/yen-thanh", "3-KH/UBKTHU@nghe-an/yen-thanh"],
        ),
        (
            "ben-tre",
            "Kế hoạch số 45-KH/HU ngày 3/3/2023 của Huyện ủy Châu Thành",
            &["45-KH/HU@ben-tre/chau-thanh#2023"],
        ),
        (
            "tien-giang",
            "Kế hoạch số 45-KH/HU của Huyện ủy Châu Thành",
            &["45-KH/HU@tien-giang/chau-thanh"],
        ),
        (
            "ca-mau",
            "Nghị quyết số 5-NQ/HU của Huyện ủy Phú Tân, tỉnh An Giang",
            &["5-NQ/HU@an-giang/phu-tan"],
        ),
        (
            "thua-thien-hue",
            "Kế hoạch số 45-KH/ThU ngày 1/1/2021 của Thành ủy Huế",
            &["45-KH/ThU@thua-thien-hue/hue#2021"],
        ),
        (
            "quang-binh",
            "Kế hoạch số 9-KH/ThU của Thành ủy Đồng Hới",
            &["9-KH/ThU@quang-binh/dong-hoi"],
        ),
        (
            "ho-chi-minh",
            "Thành ủy TP Thủ Đức ban hành Chương trình số 10-CTr/ThU; Kế hoạch số 3-KH/ThU của Thành ủy TP. Thủ Đức",
            &["10-CTr/ThU@ho-chi-minh/thu-duc", "3-KH/ThU@ho-chi-minh/thu-duc"],
        ),
        (
            "ho-chi-minh",
            "Kế hoạch số 6/KH-UBND của UBND TP. Đà Nẵng; Chỉ thị số 8-CT/TU của Thành ủy TP Hà Nội; Kế hoạch số 7/KH-UBND của UBND TP Vĩnh Yên",
            &["6/KH-UBND@da-nang", "8-CT/TU@ha-noi", "7/KH-UBND@vinh-phuc/vinh-yen"],
        ),
        (
            "ho-chi-minh",
            "Kế hoạch số 25-KH/QU ngày 2/2/2023 của Quận ủy Quận 3",
            &["25-KH/QU@ho-chi-minh/quan-3#2023"],
        ),
        (
            "hoa-binh",
            "Nghị quyết số 10-NQ/ĐU ngày 5/1/2021 của Đảng ủy xã Hòa Sơn, huyện Lương Sơn",
            &["10-NQ/ĐU@hoa-binh/luong-son#2021"],
        ),
        (
            "son-la",
            "Nghị quyết số 06-NQ/HU ngày 15/6/2022 của BCH Đảng bộ huyện Mộc Châu. Nghị quyết 06 của Huyện ủy đã",
            &["6-NQ/HU@son-la/moc-chau#2022", "6-NQ/HU@son-la/moc-chau#2022"],
        ),
        // A district's Congress left unnamed: the article's district (none: not_citations).
        (
            "bac-giang",
            "Đảng bộ huyện Yên Thế thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIII",
            &["NQDH/XXIII@bac-giang/yen-the"],
        ),
        (
            "bac-giang",
            "Huyện Yên Thế, huyện Lạng Giang thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIII",
            &[],
        ),
        // A city's Congress left unnamed: the city the article names, or in
        // a centrally-run city the city itself; with two cities, none.
        (
            "yen-bai",
            "Đảng bộ thành phố Yên Bái tổ chức Đại hội. Nghị quyết Đại hội Đảng bộ thành phố lần thứ XXI",
            &["NQDH/XXI@yen-bai/yen-bai"],
        ),
        (
            "ha-noi",
            "Thành ủy Hà Nội triển khai Nghị quyết Đại hội Đảng bộ thành phố lần thứ XVII",
            &["NQDH/XVII@ha-noi"],
        ),
        (
            "quang-ninh",
            "TP. Hạ Long và thành phố Cẩm Phả thực hiện Nghị quyết Đại hội Đảng bộ thành phố lần thứ XXVI",
            &[],
        ),
        // A city's committee left unnamed (`Thành ủy`, `Ban Chấp hành Đảng
        // bộ thành phố`) is the article's one city's.
        (
            "ca-mau",
            "Đảng bộ thành phố Cà Mau đã triển khai Nghị quyết số 03 của Ban Chấp hành Đảng bộ thành phố về phát triển đảng viên. Thành ủy cũng ban hành Kế hoạch số 112-KH/ThU ngày 20/9/2022.",
            &["3-NQ/ThU@ca-mau/ca-mau", "112-KH/ThU@ca-mau/ca-mau#2022"],
        ),
        (
            "hai-phong",
            "Thực hiện Nghị quyết số 03 của Ban Chấp hành Đảng bộ thành phố về phát triển đảng viên",
            &["3-NQ/TU@hai-phong"],
        ),
        // A district organ left unnamed is the one district the article names.
        (
            "hoa-binh",
            "Đảng bộ huyện Kim Bôi chú trọng phát triển đảng viên. Ban Thường vụ Huyện ủy đã ban hành Nghị quyết số 05-NQ/HU ngày 20/12/2020. UBND huyện ban hành Kế hoạch số 215/KH-UBND ngày 5/1/2021; Kế hoạch số 12/KH-UBND của UBND tỉnh.",
            &["5-NQ/HU@hoa-binh/kim-boi#2020", "215/KH-UBND@hoa-binh/kim-boi#2021", "12/KH-UBND@hoa-binh"],
        ),
        (
            "hoa-binh",
            "Huyện ủy Lạc Sơn tổ chức hội nghị. Nghị quyết số 05-NQ/HU nêu rõ; UBND huyện ban hành Kế hoạch số 7",
            &["5-NQ/HU@hoa-binh/lac-son", "7/KH-UBND@hoa-binh/lac-son"],
        ),
        (
            "hai-phong",
            "Đảng bộ huyện Thủy Nguyên: Nghị quyết số 05-NQ/ĐU ngày 10/1/2023 của Đảng ủy xã về đảng viên",
            &["5-NQ/ĐU@hai-phong/thuy-nguyen#2023"],
        ),
        // The same code again without its issuer is the same document.
        (
            "hai-phong",
            "Đảng ủy xã Lập Lễ, huyện Thủy Nguyên thực hiện Nghị quyết số 05-NQ/ĐU ngày 10/1/2023 của Đảng ủy xã Lập Lễ, huyện Thủy Nguyên; huyện An Dương và Nghị quyết số 05-NQ/ĐU",
            &["5-NQ/ĐU@hai-phong/thuy-nguyen#2023", "5-NQ/ĐU@hai-phong/thuy-nguyen#2023"],
        ),
        (
            "soc-trang",
            "Ban Thường vụ Thị ủy Vĩnh Châu ban hành Kế hoạch số 45-KH/TX; Nghị quyết số 3-NQ/TX",
            &["45-KH/TX@soc-trang/vinh-chau", "3-NQ/TX@soc-trang/vinh-chau"],
        ),
        // Two districts named: neither is taken; one of another province does not count.
        (
            "hoa-binh",
            "Các huyện Kim Bôi, huyện Lạc Sơn đã thực hiện Nghị quyết số 05-NQ/HU",
            &["5-NQ/HU@hoa-binh"],
        ),
        (
            "hoa-binh",
            "Huyện Kim Bôi học tập huyện Vĩnh Tường (Vĩnh Phúc) thực hiện Nghị quyết số 05-NQ/HU",
            &["5-NQ/HU@hoa-binh/kim-boi"],
        ),
    ];
    check_in(rows);
}

#[test]
fn local_documents_without_a_province_stay_unscoped() {
    assert_eq!(keys("Chỉ thị số 26-CT/TU về giải pháp", None), ["26-CT/TU"]);
    assert_eq!(
        keys("Chỉ thị số 26-CT/TU của Tỉnh ủy Yên Bái", None),
        ["26-CT/TU@yen-bai"]
    );
    assert_eq!(keys("Nghị quyết số 22-NQ/TW", None), ["22-NQ/TW#2008"]);
}

/// Texts that once made the grammar panic: a commune's name read over a
/// capitalised type word, so the issuer's verb lies past the mention.
#[test]
fn a_law_named_before_its_number() {
    let text = "Căn cứ Luật Phòng, chống tham nhũng số 36/2018/QH14; Bộ luật Lao động số 45/2019/QH14 và Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15; Luật số 25/2018/QH14.";
    let (registry, _) = Registry::new(&[]);
    let cited = cite(
        text,
        std::slice::from_ref(&(0..text.len())),
        &ArticleContext::default(),
        &registry,
    );
    let got: Vec<(&str, &str)> = cited
        .citations
        .iter()
        .map(|c| (&text[c.span.clone()], c.kind.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Luật Phòng, chống tham nhũng số 36/2018/QH14", "Luật"),
            ("Bộ luật Lao động số 45/2019/QH14", "Luật"),
            (
                "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15",
                "Luật"
            ),
            ("Luật số 25/2018/QH14", "Luật"),
        ]
    );
}

#[test]
fn odd_texts_do_not_panic() {
    for text in [
        "Đảng ủy xã Có NQTW4 có",
        "Đảng ủy xã Có Nghị Quyết TW4 ra",
        "Số",
        "Số:",
        "x Số: 25/CT-UBND\tLào Cai, ngày",
    ] {
        let _ = keys(text, Some("yen-bai"));
    }
}
