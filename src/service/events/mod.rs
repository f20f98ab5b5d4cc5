//! Events organizations host: publishing them to followers, RSVPs from every dialect of the
//! fediverse, and the counts that go out as coalesced Updates.

mod counts;
mod input;
mod publish;
mod query;
mod remote;
mod rsvp;

pub use counts::publish_pending_counts;
pub use input::{EventInput, PlaceInput};
pub use publish::{create_event, delete_event, update_event};
pub use query::{event, events_of, rsvps_for_organizers};
pub use remote::{receive_join_answer, rsvp_remote, sent_rsvps};
pub use rsvp::{
    RsvpEffect, decide_rsvp, receive_event_response, receive_join, receive_leave, rsvp_as_user,
    undone_rsvp,
};
