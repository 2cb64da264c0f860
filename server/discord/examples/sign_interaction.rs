//! Signs a request body as Discord signs interactions, for the load benchmark
//! (`scripts/bench-discord.sh`): prints the public key of the 32-byte seed, then the signature
//! of timestamp ‖ body.
//!
//!     cargo run --release -p sahabot-discord --example sign_interaction -- SEED_HEX TIMESTAMP BODY_FILE

#![allow(clippy::unwrap_used, clippy::expect_used)]

use ed25519_dalek::{Signer, SigningKey};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [seed, timestamp, body] = args.as_slice() else {
        eprintln!("usage: sign_interaction SEED_HEX TIMESTAMP BODY_FILE");
        std::process::exit(2);
    };
    let mut bytes = [0u8; 32];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = u8::from_str_radix(&seed[2 * i..2 * i + 2], 16).expect("the seed is 64 hex digits");
    }
    let key = SigningKey::from_bytes(&bytes);
    let body = std::fs::read(body).expect("readable body file");
    let signature = key.sign(&[timestamp.as_bytes(), body.as_slice()].concat());
    println!("{}", hex(key.verifying_key().as_bytes()));
    println!("{}", hex(&signature.to_bytes()));
}
