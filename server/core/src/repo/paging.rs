//! One page of a longer list: which rows to fetch and how to report them.

use crate::error::{Error, Result};
use crate::model::Page;

/// A requested page, checked: pages count from 1 to [`Window::MAX_PAGE`], and the offset of
/// the page's first row cannot overflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    page: i64,
    per_page: i64,
}

impl Window {
    /// Far beyond any list the platform holds, and small enough that no offset overflows.
    pub const MAX_PAGE: i64 = 1_000_000;
    /// The most rows one page may hold.
    pub const MAX_PER_PAGE: i64 = 200;

    /// `param` names the page number where the client sent it (`page`, `audit_page`), so a
    /// refusal tells the client which value to fix.
    pub fn new(param: &'static str, page: i64, per_page: i64) -> Result<Window> {
        if !(1..=Self::MAX_PAGE).contains(&page) {
            return Err(Error::Invalid {
                field: param,
                message: format!("must be a page number from 1 to {}", Self::MAX_PAGE),
            });
        }
        if !(1..=Self::MAX_PER_PAGE).contains(&per_page) {
            return Err(Error::Invalid {
                field: "per_page",
                message: format!("must be from 1 to {}", Self::MAX_PER_PAGE),
            });
        }
        Ok(Window { page, per_page })
    }

    pub fn per_page(self) -> i64 {
        self.per_page
    }

    /// The `OFFSET` of the page's first row (bounded by the checks in [`Window::new`]).
    pub fn offset(self) -> i64 {
        (self.page - 1) * self.per_page
    }

    /// This page of a list held in memory.
    pub fn slice<T: Clone>(self, all: &[T]) -> Page<T> {
        let items = usize::try_from(self.offset())
            .ok()
            .and_then(|start| all.get(start..))
            .unwrap_or_default()
            .iter()
            .take(self.per_page as usize)
            .cloned()
            .collect();
        self.page(items, all.len() as i64)
    }

    pub fn page<T>(self, items: Vec<T>, total: i64) -> Page<T> {
        Page {
            items,
            total,
            page: self.page,
            per_page: self.per_page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Window;
    use crate::error::Error;

    fn refused_field(page: i64, per_page: i64) -> &'static str {
        match Window::new("audit_page", page, per_page) {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn offsets_count_from_the_first_page() {
        assert_eq!(Window::new("page", 1, 20).map(Window::offset).ok(), Some(0));
        assert_eq!(
            Window::new("page", 3, 20).map(Window::offset).ok(),
            Some(40)
        );
        let last = Window::new("page", Window::MAX_PAGE, Window::MAX_PER_PAGE);
        assert_eq!(last.map(Window::offset).ok(), Some(199_999_800));
    }

    #[test]
    fn a_slice_holds_its_page_of_the_list() {
        let all: Vec<i64> = (1..=7).collect();
        let page = |n| Window::new("page", n, 3).unwrap().slice(&all);
        assert_eq!(page(1).items, [1, 2, 3]);
        assert_eq!(page(3).items, [7]);
        assert_eq!(page(3).total, 7);
        assert_eq!(page(3).page_count(), 3);
        assert!(page(4).items.is_empty());
        assert!(Window::new("page", 9, 200)
            .unwrap()
            .slice(&all)
            .items
            .is_empty());
    }

    #[test]
    fn out_of_range_values_are_refused_by_name() {
        for page in [0, -1, i64::MIN, Window::MAX_PAGE + 1, i64::MAX] {
            assert_eq!(refused_field(page, 20), "audit_page", "page {page}");
        }
        for per_page in [0, -5, Window::MAX_PER_PAGE + 1, i64::MAX] {
            assert_eq!(
                refused_field(1, per_page),
                "per_page",
                "per_page {per_page}"
            );
        }
    }
}
