//! Charts as inline SVG, drawn at build time: no script, readable offline
//! and in print. Each chart is a `<figure>` with an SVG (`role="img"`,
//! named by its `<title>`) and a visually hidden table with the same
//! numbers for screen readers. Colours come from the stylesheet
//! (`.chart .bar`, `.chart text`), so dark mode and print restyle them.

use std::fmt::Write;

use super::body::escape;

/// One bar: its label and its value, and where its label leads (a page
/// relative to the one the chart is on), if anywhere.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bar {
    pub label: String,
    pub value: usize,
    pub href: Option<String>,
}

/// Width of every chart's drawing, in SVG units (it scales to the page).
const WIDTH: usize = 440;

/// The visually hidden table that says what the chart shows.
fn table(out: &mut String, caption: &str, head: (&str, &str), bars: &[Bar]) {
    let _ = write!(
        out,
        "<table class=\"vh\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(caption),
        escape(head.0),
        escape(head.1)
    );
    for b in bars {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            escape(&b.label),
            b.value
        );
    }
    out.push_str("</tbody></table>");
}

/// A horizontal bar chart: each bar under its label, the value at its end.
/// `id` must be unique in the page. Empty `bars` give an empty string.
/// Bars with an `href` are links (so the SVG is not a `role="img"`, which
/// would hide them from screen readers).
pub fn horizontal(id: &str, title: &str, head: (&str, &str), bars: &[Bar]) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let max = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1);
    let row = 50;
    let height = bars.len() * row + 4;
    let track = WIDTH - 48;
    // An SVG's own role (graphics-document) keeps its links reachable.
    let role = if bars.iter().any(|b| b.href.is_some()) {
        ""
    } else {
        " role=\"img\""
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<figure class=\"chart\"><svg id=\"{id}\" viewBox=\"0 0 {WIDTH} {height}\"{role} aria-labelledby=\"{id}-t\"><title id=\"{id}-t\">{}</title>",
        escape(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i * row;
        let w = (b.value * track).div_ceil(max).max(2);
        if let Some(href) = &b.href {
            let _ = write!(out, "<a xlink:href=\"{}\">", escape(href));
        }
        let _ = write!(
            out,
            "<text class=\"label\" x=\"0\" y=\"{}\">{}</text><rect class=\"bar\" x=\"0\" y=\"{}\" width=\"{w}\" height=\"16\" rx=\"2\"></rect><text class=\"value\" x=\"{}\" y=\"{}\">{}</text>",
            y + 18,
            escape(&clip(&b.label, 40)),
            y + 25,
            w + 6,
            y + 39,
            b.value
        );
        if b.href.is_some() {
            out.push_str("</a>");
        }
    }
    out.push_str("</svg>");
    table(&mut out, title, head, bars);
    out.push_str("</figure>");
    out
}

/// A column chart over time (one column per year, oldest left). Labels of
/// crowded axes are thinned so they never overlap.
pub fn columns(id: &str, title: &str, head: (&str, &str), bars: &[Bar]) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let max = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1);
    let (top, plot, bottom) = (24, 140, 28);
    let height = top + plot + bottom;
    let slot = WIDTH / bars.len().max(1);
    let bar_w = (slot * 7 / 10).max(2);
    // A year label is about 42 units wide; show every `step`-th one.
    let step = 46usize.div_ceil(slot.max(1)).max(1);
    let mut out = String::new();
    let _ = write!(
        out,
        "<figure class=\"chart\"><svg id=\"{id}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}-t\"><title id=\"{id}-t\">{}</title>",
        escape(title)
    );
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"0\" y1=\"{}\" x2=\"{WIDTH}\" y2=\"{}\"></line>",
        top + plot,
        top + plot
    );
    for (i, b) in bars.iter().enumerate() {
        let h = (b.value * plot).div_ceil(max);
        let x = i * slot + (slot - bar_w) / 2;
        let cx = i * slot + slot / 2;
        let _ = write!(
            out,
            "<rect class=\"bar\" x=\"{x}\" y=\"{}\" width=\"{bar_w}\" height=\"{h}\"></rect>",
            top + plot - h
        );
        if slot >= 22 || b.value == max {
            let _ = write!(
                out,
                "<text class=\"value\" x=\"{cx}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                top + plot - h - 5,
                b.value
            );
        }
        if i % step == 0 || i + 1 == bars.len() && step == 1 {
            let _ = write!(
                out,
                "<text class=\"label\" x=\"{cx}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                top + plot + 21,
                escape(&b.label)
            );
        }
    }
    out.push_str("</svg>");
    table(&mut out, title, head, bars);
    out.push_str("</figure>");
    out
}

/// What a chart is drawn from, hashed (see [`super::reuse`]): its bars.
/// A rebuild that keeps a page does not draw its chart again.
pub fn inputs(bars: &[Bar]) -> super::reuse::Inputs {
    use super::reuse::text_into;
    use std::hash::Hasher;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.write_u64(bars.len() as u64);
    for b in bars {
        text_into(&mut h, &b.label);
        h.write_u64(b.value as u64);
        h.write_u8(u8::from(b.href.is_some()));
        text_into(&mut h, b.href.as_deref().unwrap_or_default());
    }
    h.digest128()
}

/// Counts per year from `first` to `last` with no gaps, zeros included, so
/// the time axis is honest.
pub fn per_year(years: impl IntoIterator<Item = i32>) -> Vec<Bar> {
    let mut counts = std::collections::BTreeMap::new();
    for y in years {
        *counts.entry(y).or_insert(0usize) += 1;
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    (first..=last)
        .map(|y| Bar {
            label: y.to_string(),
            value: counts.get(&y).copied().unwrap_or(0),
            href: None,
        })
        .collect()
}

/// At most `max` characters, ending in `…` when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_without_articles_count_zero() {
        let bars = per_year([2015, 2017, 2017]);
        let got: Vec<(String, usize)> = bars.into_iter().map(|b| (b.label, b.value)).collect();
        assert_eq!(
            got,
            vec![
                ("2015".to_string(), 1),
                ("2016".to_string(), 0),
                ("2017".to_string(), 2)
            ]
        );
    }

    #[test]
    fn labels_are_escaped_and_tabled() {
        let svg = horizontal(
            "c",
            "Nhiều <nhất>",
            ("Văn bản", "Số bài"),
            &[Bar {
                label: "A & B".into(),
                value: 3,
                href: Some("directives/a.html".into()),
            }],
        );
        assert!(svg.contains("A &amp; B"));
        assert!(!svg.contains("<nhất>"));
        assert!(svg.contains("<table class=\"vh\">"));
        assert!(!svg.contains("role=\"img\""));
        assert!(svg.contains("<a xlink:href=\"directives/a.html\">"));
        assert_eq!(horizontal("c", "t", ("a", "b"), &[]), "");
    }
}
