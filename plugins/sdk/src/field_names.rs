//! The field names of a serde type (or the variant names of an enum), read from what its
//! `Deserialize` implementation asks for. The registry compares a command's options type with
//! the options it declares, so the two cannot drift apart.

use serde::de::{self, Deserialize, Visitor};

/// The names `T` reads: a struct's fields, an enum's variants; `None` for anything else.
pub fn field_names<'de, T: Deserialize<'de>>() -> Option<Vec<&'static str>> {
    let mut probe = Probe(None);
    let _ = T::deserialize(&mut probe);
    probe.0.map(<[&str]>::to_vec)
}

struct Probe(Option<&'static [&'static str]>);

#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("read only for its field names")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Stop
    }
}

impl<'de> de::Deserializer<'de> for &mut Probe {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        self.0 = Some(fields);
        Err(Stop)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        self.0 = Some(variants);
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::field_names;
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Score {
        finish: String,
        #[serde(rename = "par_time")]
        par: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "snake_case")]
    #[allow(dead_code)]
    enum Admin {
        Status {},
        SyncNow { force: bool },
    }

    #[test]
    fn names_are_read_as_serde_reads_them() {
        assert_eq!(field_names::<Score>(), Some(vec!["finish", "par_time"]));
        assert_eq!(field_names::<Admin>(), Some(vec!["status", "sync_now"]));
        assert_eq!(field_names::<String>(), None);
    }
}
