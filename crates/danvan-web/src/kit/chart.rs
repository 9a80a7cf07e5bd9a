//! Bar charts as SVG drawn on the server: no chart library and no script in
//! the browser. Each chart is an image with a title and a text alternative
//! (`role="img"`, `<title>`, `<desc>`); the page shows the same numbers in a
//! data table beside it (WCAG 1.1.1, 1.4.1: the series differ by pattern
//! of position and label, not by colour alone). Colours come from the
//! site's stylesheet (`.chart-bar--N`), so high contrast applies.

use danvan_store::escape_html as escape;

/// One group of bars (e.g. a field) with one value per series.
pub struct Group {
    /// The group's label, shown at the left.
    pub label: String,
    /// One value per series, in series order.
    pub values: Vec<u64>,
}

/// A horizontal grouped bar chart `width` × computed height (in CSS px at
/// 100% zoom; it scales with the page), values labelled at the bar's end.
/// `series` names the bars of each group (shown in a legend); `desc` is the
/// text alternative. The labels' column is 220 px, wider for long labels
/// (a unit's full name) up to 420 px, so that no label is cut off.
pub fn bar_chart(id: &str, title: &str, desc: &str, series: &[String], groups: &[Group]) -> String {
    const BAR_H: u32 = 18;
    const GAP: u32 = 14;
    const PLOT_W: u32 = 360;
    // about 7.5 px a character at the labels' 13 px
    let longest = groups.iter().map(|g| g.label.chars().count() as u32).max().unwrap_or(0);
    let label_w = (longest * 15 / 2 + 16).clamp(220, 420);
    let width = label_w + PLOT_W + 60;
    let max = groups.iter().flat_map(|g| g.values.iter().copied()).max().unwrap_or(0).max(1);
    let group_h = BAR_H * series.len().max(1) as u32 + GAP;
    // the legend from the bars' left edge, on as many lines of 24 px as
    // its entries need (an entry: 20 px of swatch, 9 px a character, 10 px)
    let mut legend = Vec::with_capacity(series.len());
    let (mut x, mut line) = (label_w, 0u32);
    for name in series {
        let w = 30 + 9 * name.chars().count() as u32;
        if x > label_w && x + w > width {
            (x, line) = (label_w, line + 1);
        }
        legend.push((x, line * 24));
        x += w;
    }
    let legend_h = 24 * (line + 1);
    let height = legend_h + group_h * groups.len() as u32 + GAP;
    let mut s = format!(
        "<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(desc)
    );
    for (i, (name, (x, dy))) in series.iter().zip(legend).enumerate() {
        s.push_str(&format!(
            "<rect class=\"chart-bar chart-bar--{i}\" x=\"{x}\" y=\"{}\" width=\"14\" height=\"14\"/><text class=\"chart-text\" x=\"{}\" y=\"{}\">{}</text>",
            dy + 4,
            x + 20,
            dy + 16,
            escape(name)
        ));
    }
    for (gi, g) in groups.iter().enumerate() {
        let top = legend_h + gi as u32 * group_h + GAP / 2;
        s.push_str(&format!(
            "<text class=\"chart-text\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            label_w - 8,
            top + BAR_H * series.len() as u32 / 2 + 5,
            escape(&g.label)
        ));
        for (i, v) in g.values.iter().enumerate() {
            let w = (u64::from(PLOT_W) * v / max) as u32;
            let y = top + i as u32 * BAR_H;
            s.push_str(&format!(
                "<rect class=\"chart-bar chart-bar--{i}\" x=\"{label_w}\" y=\"{y}\" width=\"{}\" height=\"{}\"/>\
                 <text class=\"chart-text\" x=\"{}\" y=\"{}\">{v}</text>",
                w.max(1),
                BAR_H - 3,
                label_w + w + 6,
                y + BAR_H - 6
            ));
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_text_is_escaped() {
        let svg = bar_chart(
            "c",
            "Mô hình <theo> lĩnh vực",
            "25 & 10",
            &["Đăng ký".into(), "Hiệu quả".into()],
            &[Group { label: "kinh tế".into(), values: vec![25, 20] }, Group { label: "văn hóa - xã hội".into(), values: vec![10, 0] }],
        );
        assert!(svg.contains("<title id=\"c-title\">Mô hình &lt;theo&gt; lĩnh vực</title>"));
        assert!(svg.contains("<desc id=\"c-desc\">25 &amp; 10</desc>"));
        // the largest bar takes the whole plot width (640 - 220 - 60)
        assert!(svg.contains("width=\"360\""), "{svg}");
        assert!(svg.contains("width=\"144\""), "10 of 25: {svg}");
        assert!(!svg.contains("style="), "no inline style (CSP)");
        assert!(svg.contains("viewBox=\"0 0 640 "), "short labels: 220 px");
        let long = "Ủy ban Mặt trận Tổ quốc Việt Nam xã Mẫu Sơn";
        let svg = bar_chart("c", "t", "d", &["Tiếp nhận".into()], &[Group { label: long.into(), values: vec![4] }]);
        // 43 characters: 338 px of labels, the bars after them
        assert!(svg.contains("viewBox=\"0 0 758 ") && svg.contains("text-anchor=\"end\"") && svg.contains("x=\"338\""), "{svg}");
        // three long series: the third on a second line of the legend, inside the chart
        let series = ["Tiếp nhận".to_owned(), "Trả lời đúng hạn".to_owned(), "Quá hạn chưa trả lời".to_owned()];
        let svg = bar_chart("c", "t", "d", &series, &[Group { label: "Xã".into(), values: vec![4, 3, 1] }]);
        assert!(svg.contains("viewBox=\"0 0 640 130\"") && svg.contains("<rect class=\"chart-bar chart-bar--2\" x=\"220\" y=\"28\""), "{svg}");
    }
}
