//! Lexical tokens.

/// A Lua 5.4 token.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    // Reserved words.
    And,
    Break,
    Do,
    Else,
    Elseif,
    End,
    False,
    For,
    Function,
    Goto,
    If,
    In,
    Local,
    Nil,
    Not,
    Or,
    Repeat,
    Return,
    Then,
    True,
    Until,
    While,
    // Multi-character symbols.
    /// `//`
    IDiv,
    /// `..`
    Concat,
    /// `...`
    Dots,
    /// `==`
    Eq,
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `~=`
    Ne,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `::`
    DbColon,
    /// End of input.
    Eos,
    // Tokens with values.
    Float(f64),
    Int(i64),
    Name(String),
    Str(Vec<u8>),
    /// Any other single byte: `+ - * / % ^ # & ~ | < > = ( ) { } [ ] ; : , .`
    /// and also bytes that are not valid Lua (the parser rejects them).
    Char(u8),
}

/// Maps an identifier to its reserved word token, if it is one.
pub fn reserved(word: &[u8]) -> Option<Token> {
    Some(match word {
        b"and" => Token::And,
        b"break" => Token::Break,
        b"do" => Token::Do,
        b"else" => Token::Else,
        b"elseif" => Token::Elseif,
        b"end" => Token::End,
        b"false" => Token::False,
        b"for" => Token::For,
        b"function" => Token::Function,
        b"goto" => Token::Goto,
        b"if" => Token::If,
        b"in" => Token::In,
        b"local" => Token::Local,
        b"nil" => Token::Nil,
        b"not" => Token::Not,
        b"or" => Token::Or,
        b"repeat" => Token::Repeat,
        b"return" => Token::Return,
        b"then" => Token::Then,
        b"true" => Token::True,
        b"until" => Token::Until,
        b"while" => Token::While,
        _ => return None,
    })
}

impl Token {
    /// The token as PUC Lua's `luaX_token2str` shows it: symbols and reserved
    /// words in single quotes, `<eof>`, `<name>`, `<string>`, `<number>` and
    /// `<integer>` bare, non-printable bytes as `'<\N>'`.
    pub fn describe(&self) -> String {
        let fixed = match self {
            Token::And => "and",
            Token::Break => "break",
            Token::Do => "do",
            Token::Else => "else",
            Token::Elseif => "elseif",
            Token::End => "end",
            Token::False => "false",
            Token::For => "for",
            Token::Function => "function",
            Token::Goto => "goto",
            Token::If => "if",
            Token::In => "in",
            Token::Local => "local",
            Token::Nil => "nil",
            Token::Not => "not",
            Token::Or => "or",
            Token::Repeat => "repeat",
            Token::Return => "return",
            Token::Then => "then",
            Token::True => "true",
            Token::Until => "until",
            Token::While => "while",
            Token::IDiv => "//",
            Token::Concat => "..",
            Token::Dots => "...",
            Token::Eq => "==",
            Token::Ge => ">=",
            Token::Le => "<=",
            Token::Ne => "~=",
            Token::Shl => "<<",
            Token::Shr => ">>",
            Token::DbColon => "::",
            Token::Eos => return "<eof>".to_string(),
            Token::Float(_) => return "<number>".to_string(),
            Token::Int(_) => return "<integer>".to_string(),
            Token::Name(_) => return "<name>".to_string(),
            Token::Str(_) => return "<string>".to_string(),
            Token::Char(c) => {
                return if (0x20..0x7f).contains(c) {
                    format!("'{}'", *c as char)
                } else {
                    format!("'<\\{}>'", c)
                };
            }
        };
        format!("'{}'", fixed)
    }
}
