//! Events organizations host: publishing them to followers, RSVPs from every dialect of the
//! fediverse, and the counts that go out as coalesced Updates.

mod input;
mod publish;
mod query;
mod rsvp;
pub(crate) mod view;

pub(crate) use rsvp::closed_reason;

pub use input::{EventInput, PlaceInput};
pub use publish::{create_event, delete_event, update_event};
pub(crate) use query::rsvp_of;
pub use query::{answer_of, answered_by, answers_of, rsvps_for_organizers, show, upcoming};
pub use rsvp::{
    RsvpEffect, decide_rsvp, receive_event_response, receive_join, receive_leave, rsvp_as_user,
};
pub use view::{EventView, InstanceCount, ParticipantView};
