//! The integration suite: one binary, one module per area, a shared harness in `common`.
//! Store-backed tests run on SQLite, and on PostgreSQL when `TEST_POSTGRES_URL` is set.

mod actions;
mod admin;
mod admin_deletion;
mod api;
mod api_errors;
mod blocks;
mod browser;
mod campaign_deletion;
mod campaign_links;
mod campaigns;
mod check_config;
mod cli;
mod cohosts;
mod common;
mod crash;
mod discovery;
mod events;
mod examples;
mod federation;
mod feeds;
mod fixtures;
mod home_page;
mod http;
mod layers;
mod migrations;
mod participations;
mod polls;
mod processes;
mod queue;
mod readme;
mod reports;
mod security;
mod store;
mod web_accounts;
mod web_participants;
