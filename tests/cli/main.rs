//! Integration tests: the real `zernio-hooks` binary against real local servers on 127.0.0.1.

mod support;

mod api;
mod basics;
mod listen;
mod register;
mod relay;
mod replay;
mod trigger;
mod tunnel;
