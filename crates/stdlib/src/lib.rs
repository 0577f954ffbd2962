pub mod lpattern;
pub mod strformat;
