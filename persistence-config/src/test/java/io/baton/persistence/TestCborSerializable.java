package io.baton.persistence;

/** Test stand-in for io.baton.runtime.CborSerializable, bound to jackson-cbor by TestNode. */
public interface TestCborSerializable {}
