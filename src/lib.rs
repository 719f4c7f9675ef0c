//! vanban: a static site generator for archives of Vietnamese articles about
//! Party-building, cross-linked by the directives they cite.
//!
//! The data flows one way, one module per stage:
//!
//! ```text
//! source ──▶ article ──▶ refs (grammar → resolve) ──▶ archive ──▶ render ──▶ site
//! ```
//!
//! [`pipeline`] runs the first four; `build` adds the last two, `scan`
//! prints the archive as JSON lines instead.

pub mod archive;
pub mod article;
pub mod check;
pub mod config;
pub mod gazetteer;
pub mod pipeline;
pub mod refs;
pub mod render;
pub mod scan;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod vi;
