//! The iCalendar feed, read back by an independent parser (the `ical` crate) as a calendar
//! app would.

#![cfg(feature = "ssr")]
#![allow(clippy::unwrap_used)]

use tournament::model::{Match, MatchPlayer, MatchTimes, StreamChannel};
use tournament::service::calendar::feed;

fn player(id: i64, name: &str) -> MatchPlayer {
    MatchPlayer {
        user_id: id,
        display_name: name.into(),
        finish_rank: None,
        station: None,
    }
}

fn a_match(id: i64, title: &str, scheduled_at: Option<i64>) -> Match {
    let times = MatchTimes {
        scheduled_at,
        ..MatchTimes::default()
    };
    Match {
        id,
        tournament_id: 7,
        title: title.into(),
        comment: "Best of three; commas, semicolons; and\nnew lines".into(),
        stream: Some(StreamChannel {
            id: 1,
            name: "Main".into(),
            url: "https://twitch.tv/main".into(),
        }),
        status: times.status(),
        times,
        players: vec![player(1, "Boots First"), player(2, "Mirror Shield")],
        crew: Vec::new(),
        seed: None,
    }
}

#[test]
fn each_scheduled_match_is_an_event_calendar_apps_read() {
    let found = [
        a_match(10, "Grand Final", Some(1_799_172_000_000)),
        a_match(11, "", Some(1_799_175_600_000)),
        a_match(12, "Unscheduled", None),
    ];
    let text = feed("ALTTPR — Spring Cup", &found, &[(7, "Spring Cup".into())]);
    let mut reader = ical::IcalParser::new(text.as_bytes());
    let calendar = reader.next().unwrap().unwrap();
    assert!(reader.next().is_none());
    assert_eq!(calendar.events.len(), 2, "{text}");
    let property = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    let first = &calendar.events[0];
    assert_eq!(property(first, "UID"), "match-10@sahabot");
    assert_eq!(property(first, "SUMMARY"), "Spring Cup: Grand Final");
    assert_eq!(property(first, "DTSTART"), "20270105T180000Z");
    assert_eq!(property(first, "DTEND"), "20270105T200000Z");
    assert_eq!(property(first, "LOCATION"), "https://twitch.tv/main");
    let description = property(first, "DESCRIPTION");
    assert!(
        description.contains("Boots First vs Mirror Shield"),
        "{description}"
    );
    assert!(
        description.contains("semicolons\\;"),
        "escaped as RFC 5545 asks: {description}"
    );
    // A match without a title is named by its players.
    assert_eq!(
        property(&calendar.events[1], "SUMMARY"),
        "Spring Cup: Boots First vs Mirror Shield"
    );
}
