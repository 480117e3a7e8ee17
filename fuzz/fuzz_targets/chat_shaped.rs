#![no_main]
//! Zoom chat files built from their structure (the three layouts, odd senders,
//! recipients, replies, reactions, blank and multi-line messages, times past
//! midnight): each message read as written, and the import a session that saves,
//! loads back equal and takes nothing twice. See `rapporteur_fuzz::chat`.

use libfuzzer_sys::fuzz_target;
use rapporteur_fuzz::chat::Chat;

fuzz_target!(|chat: Chat| chat.check());
