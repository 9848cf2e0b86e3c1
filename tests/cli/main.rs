//! Integration tests for the zernio-hooks binary.
