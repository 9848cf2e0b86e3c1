//! Integration tests: the real `zernio-hooks` binary against real local servers on 127.0.0.1.

mod support;

mod basics;
mod listen;
mod replay;
mod trigger;
