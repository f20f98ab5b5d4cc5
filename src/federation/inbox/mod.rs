//! The inbox: verifying and storing received activities, then processing them.

pub mod dispatch;
