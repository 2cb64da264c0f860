//! One page of a longer list: which rows to fetch and how to report them.

use crate::model::Page;

/// A requested page, made safe: pages count from 1, sizes stay between 1 and `max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub page: i64,
    pub per_page: i64,
}

impl Window {
    pub fn new(page: i64, per_page: i64, max: i64) -> Window {
        Window {
            page: page.max(1),
            per_page: per_page.clamp(1, max),
        }
    }

    /// The `OFFSET` of the page's first row.
    pub fn offset(self) -> i64 {
        (self.page - 1) * self.per_page
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

    #[test]
    fn windows_are_clamped() {
        assert_eq!(
            Window::new(0, 500, 100),
            Window {
                page: 1,
                per_page: 100
            }
        );
        assert_eq!(Window::new(3, 20, 100).offset(), 40);
        assert_eq!(Window::new(2, 0, 100).per_page, 1);
    }
}
