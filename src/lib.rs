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
pub mod cache;
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

/// Gives the memory a finished stage freed back to the system. Allocators
/// keep freed blocks for reuse, so without this the peak memory of a large
/// build is the sum of its stages' scratch space rather than the largest of
/// them. Both allocators a build may run on are asked: mimalloc (the
/// program's) and the C library's (Linux with glibc; tests run on it).
pub fn release_freed_memory() {
    // SAFETY: mi_collect only frees mimalloc's unused pages; it is safe to
    // call from any thread, with or without mimalloc as the allocator.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the heap to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}
