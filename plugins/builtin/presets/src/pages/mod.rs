pub mod namespaces;
