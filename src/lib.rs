//! wenji (文集): a terminal browser for corpora of Chinese speeches and articles.
pub mod corpus;
pub mod text;
