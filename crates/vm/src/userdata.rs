//! Full userdata: a block of host data with a metatable and a user value.

use crate::gc::heap::GcRef;
use crate::table::Table;
use crate::value::Value;
use std::any::Any;

pub struct UserData {
    pub data: Box<dyn Any>,
    pub metatable: Option<GcRef<Table>>,
    pub user_value: Value,
}
