//! Wire types: one struct per object or activity, used for sending and receiving. Serialization
//! is strict; deserialization is lenient (unknown fields skipped, optional fields defaulted).

mod action;
mod activities;
mod actor;
mod campaign;
mod collection;
pub mod context;
mod event;
pub mod lenient;
mod membership;
mod note;
mod published;
mod question;
mod report;

pub use action::{ActionPage, InstanceProgress, Link, PageType};
pub use activities::{
    AnswerType, EventResponse, EventResponseType, Follow, FollowAnswer, FollowType, JoinAnswer,
    JoinAnswerType, ObjectActivity, ObjectActivityType, Participation, ParticipationType, Undo,
    UndoType,
};
pub use actor::{Actor, ActorType, Endpoints, PublicKeyDoc};
pub use campaign::{
    AddAnswer, AddType, CampaignAdd, CampaignAnswer, CampaignInvite, InviteAnswer, InviteType,
};
pub use collection::OrderedCollection;
pub use event::{Address, Event, EventType, Location, Place, PostalAddress, VirtualLocation};
pub use membership::{MembershipOffer, MembershipType, OfferType, OfferedMembership};
pub use note::{Note, NoteType, Tombstone, TombstoneType};
pub use published::PublishedObject;
pub use question::{Mention, PollOption, PollReplies, Question, QuestionType};
pub use report::{Flag, FlagType};
