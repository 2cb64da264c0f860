use leptos::prelude::*;
use sahabot_sdk::pages::{org_slug, SettingsReference};

use crate::settings::{EXAMPLE, TOTAL};

/// How Super Metroid presets are written, for each of the three generators.
#[component]
pub fn ReferencePage() -> impl IntoView {
    let org = org_slug();
    view! {
        <section class="plugin-page" data-testid="sm-reference">
            <h2>"Super Metroid Randomizer"</h2>
            <p>
                "Seeds come from "
                <a href=move || format!("/org/{}/presets", org.get())>"presets"</a>
                "; roll one on the "
                <a href=move || format!("/org/{}/presets/roll", org.get())>"Roll a seed"</a>
                " page or with " <code>"/seed"</code> " in Discord. A preset names its generator with "
                <code>"generator"</code> ":"
            </p>
            <ul>
                <li><code>"total"</code> " — total's randomizer at sm.samus.link, with its settings under " <code>"settings"</code> " (sent as text)."</li>
                <li><code>"varia"</code> " — VARIA: " <code>"varia.preset"</code> " names one of its settings presets, "
                    <code>"varia.skills"</code> " a skills preset (regular when left out), " <code>"varia.race"</code>
                    " race mode (on when left out), and " <code>"varia.settings"</code> " changes settings of the preset."</li>
                <li><code>"dash"</code> " — DASH: " <code>"dash.mode"</code> " is its mode, " <code>"dash.spoiler"</code> " asks for a spoiler."</li>
            </ul>
            <pre class="yaml">{EXAMPLE}</pre>
            <h3>"Total's settings"</h3>
            <SettingsReference settings=TOTAL/>
        </section>
    }
}
