package io.baton.runtime;

/**
 * Marker for every message, event and state that crosses a process boundary or goes into the
 * journal. Bound to Pekko's jackson-cbor serializer in configuration, so Java serialization is
 * never used.
 */
public interface CborSerializable {}
