//! The browser's search driven through actions on plain state, for the search tests: the
//! worker's part is played by the deterministic test engine, each request answered at once and
//! its batches (one matching article each) handed back.
#![allow(dead_code)] // each test binary uses its own part of the helpers

use wenji::action::Action;
use wenji::corpus;
use wenji::search::fake::Fake;
use wenji::search::worker::Update;
use wenji::search::{Batch, Engine, Request};
use wenji::state::{Effect, Message, Search, Settings, State, Viewport};

pub struct Session {
    pub state: State,
    engine: Fake,
    pub requests: Vec<Request>,
}

impl Session {
    pub fn new() -> Self {
        Self::with_corpus(corpus::sample())
    }

    /// A session over `corpus` instead of the sample.
    pub fn with_corpus(corpus: corpus::Corpus) -> Self {
        Self::with_settings(corpus, Settings::default())
    }

    /// A session over `corpus` with `settings`.
    pub fn with_settings(corpus: corpus::Corpus, settings: Settings) -> Self {
        let mut state = State::with_settings(corpus, settings);
        state.update(Message::Resize(Viewport {
            list_rows: 10,
            reader_width: 60,
            reader_height: 12,
            overlay_height: 10,
        }));
        let engine = Fake::new(state.shared_corpus());
        state.update(Message::Search(Update::Ready));
        Self {
            state,
            engine,
            requests: Vec::new(),
        }
    }

    pub fn act(&mut self, action: Action) -> Effect {
        let effect = self.state.update(action);
        if let Effect::Search(request) = &effect {
            self.requests.push(request.clone());
            let batches = self.answer(request);
            self.deliver(request, batches);
        }
        effect
    }

    /// The engine's whole answer to `request`, batch by batch.
    pub fn answer(&mut self, request: &Request) -> Vec<Batch> {
        let mut batches = Vec::new();
        self.engine
            .run(request, &|| false, &mut |batch| batches.push(batch));
        batches
    }

    /// Types `text` into the search line and returns the last request without answering it,
    /// so a test can hand the answer back in batches of its own.
    pub fn type_pending(&mut self, text: &str) -> Request {
        let mut last = None;
        for c in text.chars() {
            if let Effect::Search(request) = self.state.update(Action::SearchInput(c)) {
                last = Some(request);
            }
        }
        last.expect("the query changed")
    }

    /// Hands `batches` of `request`'s answer to the state, then says the answer is complete.
    pub fn deliver(&mut self, request: &Request, batches: Vec<Batch>) {
        for batch in batches {
            self.state.update(Message::Search(Update::Batch {
                generation: request.generation,
                batch,
            }));
        }
        self.state.update(Message::Search(Update::Done {
            generation: request.generation,
            complete: true,
        }));
    }

    pub fn go_to(&mut self, text: &str) {
        self.act(Action::StartGoTo);
        for c in text.chars() {
            self.act(Action::GoToInput(c));
        }
        self.act(Action::GoToSubmit);
    }

    pub fn search(&self) -> &Search {
        self.state.search.as_ref().expect("searching")
    }

    /// The display line of each hit in the reader's article, in hit order (`None` beyond the
    /// lines laid out), and which of them is current.
    pub fn hit_lines(&self) -> (Vec<Option<usize>>, Option<usize>) {
        let document = self.state.reader.document().expect("laid out");
        let hits: Vec<_> = self
            .state
            .highlights()
            .into_iter()
            .filter(|h| !h.selection)
            .collect();
        let lines = hits
            .iter()
            .map(|h| {
                document
                    .lines
                    .iter()
                    .position(|l| l.text == h.text && l.range.contains(&h.range.start))
            })
            .collect();
        (lines, hits.iter().position(|h| h.current))
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.act(Action::SearchInput(c));
        }
    }

    pub fn titles(&self) -> Vec<String> {
        let search = self.state.search.as_ref().expect("searching");
        search
            .results
            .articles
            .iter()
            .map(|a| {
                self.state.corpus().articles[a.article as usize]
                    .title
                    .clone()
            })
            .collect()
    }
}
