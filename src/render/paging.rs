//! Long lists cut into pages of a fixed size, with links that work from
//! disk: page 1 is `<base>.html`, page n is `<base>--n.html` (slugs never
//! hold `--`, so these names never meet another page's).

use serde::Serialize;

/// How many entries one page of a long list holds.
pub const PER_PAGE: usize = 200;

/// The file name (without folder) of page `n` (1-based) of `base`.
pub fn file_name(base: &str, n: usize) -> String {
    if n <= 1 {
        format!("{base}.html")
    } else {
        format!("{base}--{n}.html")
    }
}

/// One link of a pager.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub n: usize,
    pub href: String,
    pub current: bool,
}

/// Where a page stands among its siblings; templates show it when
/// `total > 1`.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

impl Pager {
    /// Pager for page `current` of `total` pages of `base` (file names
    /// relative to the page itself: siblings share a folder).
    pub fn new(base: &str, current: usize, total: usize) -> Pager {
        let total = total.max(1);
        Pager {
            current,
            total,
            prev: (current > 1).then(|| file_name(base, current - 1)),
            next: (current < total).then(|| file_name(base, current + 1)),
            pages: (1..=total)
                .map(|n| PageLink {
                    n,
                    href: file_name(base, n),
                    current: n == current,
                })
                .collect(),
        }
    }
}

/// A titled group of a long list (`Năm 2017`, `Bắc Kạn`, ...).
#[derive(Debug, Clone)]
pub struct Group<T> {
    pub label: String,
    /// The group's `id` in the page: unique among the groups of a list.
    pub id: String,
    /// A page about the group itself (a province's page), if any.
    pub link: Option<String>,
    pub items: Vec<T>,
}

impl<T> Group<T> {
    pub fn new(label: impl Into<String>, id: impl Into<String>, items: Vec<T>) -> Group<T> {
        Group {
            label: label.into(),
            id: id.into(),
            link: None,
            items,
        }
    }
}

/// A group of a list as one page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct GroupPage<T> {
    pub label: String,
    /// The group's `id` (stable across pages).
    pub id: String,
    pub link: Option<String>,
    /// True if the group began on an earlier page.
    pub continued: bool,
    pub items: Vec<T>,
}

/// A grouped list cut into pages of at most `per_page` items; a group that
/// spans pages is repeated with `continued`. Also returns, for each group,
/// the page (1-based) where it starts. An empty list gives one empty page.
pub fn paginate<T>(groups: Vec<Group<T>>, per_page: usize) -> (Vec<Vec<GroupPage<T>>>, Vec<usize>) {
    let per_page = per_page.max(1);
    let mut pages: Vec<Vec<GroupPage<T>>> = vec![Vec::new()];
    let mut starts = Vec::new();
    let mut on_page = 0;
    for Group {
        label,
        id,
        link,
        items,
    } in groups
    {
        let mut started = false;
        for item in items {
            if on_page == per_page {
                pages.push(Vec::new());
                on_page = 0;
            }
            let page_no = pages.len();
            let Some(page) = pages.last_mut() else {
                continue;
            };
            let continues = matches!(page.last(), Some(g) if g.id == id);
            if !continues {
                page.push(GroupPage {
                    label: label.clone(),
                    id: id.clone(),
                    link: link.clone(),
                    continued: started,
                    items: Vec::new(),
                });
            }
            if !started {
                starts.push(page_no);
                started = true;
            }
            if let Some(g) = page.last_mut() {
                g.items.push(item);
            }
            on_page += 1;
        }
        if !started {
            starts.push(pages.len());
        }
    }
    (pages, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_span_pages() {
        let groups = vec![
            Group::new("A", "a", vec![1, 2, 3]),
            Group::new("B", "b", vec![4, 5]),
        ];
        let (pages, starts) = paginate(groups, 2);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[1][0].label, "A");
        assert!(pages[1][0].continued);
        assert_eq!(pages[1][1].items, vec![4]);
        assert!(!pages[1][1].continued);
        assert_eq!(starts, vec![1, 2]);
        assert_eq!(file_name("x", 1), "x.html");
        assert_eq!(file_name("x", 3), "x--3.html");
    }
}
