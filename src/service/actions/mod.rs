//! Actions organizations call for (petitions, letters, calls, protests...): publishing them to
//! followers, participation from here, from other Solidarity instances (`Join`) and from the
//! fediverse, counted once per person, with progress per instance.

mod input;
mod own;
mod participate;
mod publish;
mod query;
mod view;

pub(crate) use participate::closed_reason;

pub use input::ActionInput;
pub use own::{OwnParticipation, Page, own_participations};
pub use participate::{
    Participated, ParticipationInput, participate_as_user, receive_join, receive_leave,
};
pub use publish::{create_action, delete_action, update_action};
pub use query::{actions_of, participation_of, participations_for_organizers, show};
pub use view::{ActionView, ParticipantView};
