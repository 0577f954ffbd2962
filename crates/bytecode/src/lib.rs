//! moonvm's bytecode: the instruction format, function prototypes, and a listing
//! printer. This crate is the contract between the compiler and the VM.

pub mod chunkid;
pub mod dump;
pub mod listing;
pub mod opcode;
pub mod proto;

pub use chunkid::chunk_id;
pub use listing::listing;
pub use opcode::{Instruction, OpCode};
pub use proto::{Constant, LocVar, Proto, UpvalDesc};
