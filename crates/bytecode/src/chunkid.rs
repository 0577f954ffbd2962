//! How a chunk name is shown in messages (PUC Lua's `luaO_chunkid`).

/// Longest chunk id shown, as PUC's LUA_IDSIZE (60) minus the terminator.
const ID_SIZE: usize = 59;

/// `@file` shows as `file` (keeping the end if too long), `=name` as `name`,
/// and anything else as `[string "first line..."]`.
pub fn chunk_id(source: &str) -> String {
    if let Some(rest) = source.strip_prefix('=') {
        rest.chars().take(ID_SIZE).collect()
    } else if let Some(rest) = source.strip_prefix('@') {
        if rest.len() <= ID_SIZE {
            rest.to_string()
        } else {
            let mut start = rest.len() - (ID_SIZE - 3);
            while !rest.is_char_boundary(start) {
                start += 1;
            }
            format!("...{}", &rest[start..])
        }
    } else {
        const PRE: &str = "[string \"";
        const POS: &str = "\"]";
        const DOTS: &str = "...";
        let avail = ID_SIZE - PRE.len() - DOTS.len() - POS.len();
        let first_line = source.split('\n').next().unwrap_or("");
        let truncated = first_line.len() < source.len();
        if !truncated && source.len() <= avail {
            format!("{PRE}{source}{POS}")
        } else {
            let mut end = first_line.len().min(avail);
            while !first_line.is_char_boundary(end) {
                end -= 1;
            }
            format!("{PRE}{}{DOTS}{POS}", &first_line[..end])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::chunk_id;

    #[test]
    fn forms() {
        assert_eq!(chunk_id("@x.lua"), "x.lua");
        assert_eq!(chunk_id("=stdin"), "stdin");
        assert_eq!(chunk_id("return 1"), "[string \"return 1\"]");
        assert_eq!(chunk_id("a\nb"), "[string \"a...\"]");
    }
}
