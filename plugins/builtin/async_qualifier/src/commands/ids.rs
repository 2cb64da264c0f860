//! The custom ids of the run flow's buttons and forms. Each carries what it acts on, so a
//! button keeps working after a restart (the start button stays posted for weeks).

/// A button pressed, or a form submitted, in the run flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Press {
    /// The start button of a qualifier's post.
    Start(i64),
    /// A pool chosen: `(qualifier, pool)`.
    Pool(i64, i64),
    /// The point of no return passed: `(qualifier, pool)`.
    Confirm(i64, i64),
    Cancel,
    Ready(i64),
    Finish(i64),
    Timer(i64),
    Forfeit(i64),
    ForfeitConfirmed(i64),
    /// Opens the VOD and notes form of a run; `VodForm` is its submission.
    Vod(i64),
    VodForm(i64),
    /// Opens the review request form of a run; `FlagForm` is its submission.
    Flag(i64),
    FlagForm(i64),
}

impl Press {
    pub fn id(self) -> String {
        match self {
            Press::Start(q) => format!("start:{q}"),
            Press::Pool(q, p) => format!("pool:{q}:{p}"),
            Press::Confirm(q, p) => format!("confirm:{q}:{p}"),
            Press::Cancel => "cancel".into(),
            Press::Ready(r) => format!("ready:{r}"),
            Press::Finish(r) => format!("finish:{r}"),
            Press::Timer(r) => format!("timer:{r}"),
            Press::Forfeit(r) => format!("forfeit:{r}"),
            Press::ForfeitConfirmed(r) => format!("forfeit_yes:{r}"),
            Press::Vod(r) => format!("vod:{r}"),
            Press::VodForm(r) => format!("vod_form:{r}"),
            Press::Flag(r) => format!("flag:{r}"),
            Press::FlagForm(r) => format!("flag_form:{r}"),
        }
    }

    /// The press a custom id names; `None` for one this plugin never made.
    pub fn parse(id: &str) -> Option<Press> {
        let mut parts = id.split(':');
        let kind = parts.next()?;
        let numbers: Vec<i64> = parts.map(|p| p.parse().ok()).collect::<Option<_>>()?;
        Some(match (kind, numbers.as_slice()) {
            ("start", [q]) => Press::Start(*q),
            ("pool", [q, p]) => Press::Pool(*q, *p),
            ("confirm", [q, p]) => Press::Confirm(*q, *p),
            ("cancel", []) => Press::Cancel,
            ("ready", [r]) => Press::Ready(*r),
            ("finish", [r]) => Press::Finish(*r),
            ("timer", [r]) => Press::Timer(*r),
            ("forfeit", [r]) => Press::Forfeit(*r),
            ("forfeit_yes", [r]) => Press::ForfeitConfirmed(*r),
            ("vod", [r]) => Press::Vod(*r),
            ("vod_form", [r]) => Press::VodForm(*r),
            ("flag", [r]) => Press::Flag(*r),
            ("flag_form", [r]) => Press::FlagForm(*r),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Press;

    #[test]
    fn every_press_reads_back_from_its_id() {
        let all = [
            Press::Start(1),
            Press::Pool(2, 3),
            Press::Confirm(4, 5),
            Press::Cancel,
            Press::Ready(6),
            Press::Finish(7),
            Press::Timer(8),
            Press::Forfeit(9),
            Press::ForfeitConfirmed(10),
            Press::Vod(11),
            Press::VodForm(12),
            Press::Flag(13),
            Press::FlagForm(i64::MAX),
        ];
        for press in all {
            assert_eq!(Press::parse(&press.id()), Some(press), "{}", press.id());
            // Discord's limit on a custom id, with the host's plugin prefix.
            assert!(press.id().len() + "async_qualifier:".len() <= 100);
        }
    }

    #[test]
    fn ids_it_never_made_are_refused() {
        for id in [
            "",
            "start",
            "start:",
            "start:x",
            "start:1:2",
            "pool:1",
            "cancel:1",
            "ready:1.5",
            "unknown:1",
            "Ready:1",
        ] {
            assert_eq!(Press::parse(id), None, "{id}");
        }
    }
}
