//! The seed's hash as the file select screen shows it: five item icons, written by the patch
//! at one offset. alttpr.com does not send it; it is read from the patch.

use sahabot_sdk::serde_json::Value;

/// Where the patch writes the five hash bytes.
pub const HASH_OFFSET: u64 = 1_573_397;

/// The icons, by byte value.
pub const ICONS: [&str; 32] = [
    "Bow",
    "Boomerang",
    "Hookshot",
    "Bombs",
    "Mushroom",
    "Magic Powder",
    "Ice Rod",
    "Pendant",
    "Bombos",
    "Ether",
    "Quake",
    "Lamp",
    "Hammer",
    "Shovel",
    "Flute",
    "Bugnet",
    "Book",
    "Empty Bottle",
    "Green Potion",
    "Somaria",
    "Cape",
    "Mirror",
    "Boots",
    "Gloves",
    "Flippers",
    "Moon Pearl",
    "Shield",
    "Tunic",
    "Heart",
    "Map",
    "Compass",
    "Big Key",
];

/// The five icons, from a patch as alttpr.com sends it (`[{"<offset>": [bytes…]}, …]`);
/// `None` if no entry writes all five bytes.
pub fn icons(patch: &Value) -> Option<Vec<String>> {
    let bytes = (0..5)
        .map(|i| byte_at(patch, HASH_OFFSET + i))
        .collect::<Option<Vec<u64>>>()?;
    Some(
        bytes
            .into_iter()
            .map(|b| {
                usize::try_from(b)
                    .ok()
                    .and_then(|b| ICONS.get(b))
                    .map_or_else(|| format!("Unknown ({b})"), |icon| (*icon).to_string())
            })
            .collect(),
    )
}

/// The byte the patch writes at `offset`; a later entry wins over an earlier one.
fn byte_at(patch: &Value, offset: u64) -> Option<u64> {
    patch
        .as_array()?
        .iter()
        .filter_map(Value::as_object)
        .flat_map(|entry| entry.iter())
        .rev()
        .find_map(|(start, bytes)| {
            let start: u64 = start.parse().ok()?;
            let index = usize::try_from(offset.checked_sub(start)?).ok()?;
            bytes.as_array()?.get(index)?.as_u64()
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahabot_sdk::serde_json::json;

    #[test]
    fn the_icons_are_read_from_the_patch_at_their_offset() {
        let patch = json!([
            {"0": [1, 2, 3]},
            {"1573395": [9, 9, 0, 31, 22]},
            {"1573400": [12, 5]}
        ]);
        assert_eq!(
            icons(&patch).unwrap(),
            vec!["Bow", "Big Key", "Boots", "Hammer", "Magic Powder"]
        );
    }

    #[test]
    fn a_patch_without_the_hash_gives_none_and_odd_bytes_are_named() {
        assert_eq!(icons(&json!([{"0": [1]}])), None);
        assert_eq!(icons(&json!("nonsense")), None);
        let odd = icons(&json!([{"1573397": [40, 0, 0, 0, 0]}])).unwrap();
        assert_eq!(odd[0], "Unknown (40)");
    }
}
