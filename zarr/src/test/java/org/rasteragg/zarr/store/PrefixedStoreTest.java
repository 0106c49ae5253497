package org.rasteragg.zarr.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rasteragg.zarr.Fixtures;
import org.rasteragg.zarr.spatialdata.SpatialDataStore;

class PrefixedStoreTest extends StoreContractTest {

    private final MemoryStore base = new MemoryStore();

    @Override
    protected Store newStore() {
        return PrefixedStore.of(base, "some/prefix");
    }

    @Test
    void keysLandUnderThePrefixOnly() {
        base.put("outside", new byte[] {1});
        store.put("a/b", new byte[] {2});
        assertThat(base.list("")).containsExactly("outside", "some/prefix/a/b");
        assertThat(store.list("")).containsExactly("a/b");
        assertThat(store.get("outside")).isNull();
        assertThat(PrefixedStore.of(base, "")).isSameAs(base);
    }

    @Test
    void aSpatialDataStoreOpensAtAPrefixOfAnOpenStore() {
        Store fixtures = new FileSystemStore(Fixtures.root());
        SpatialDataStore sd = SpatialDataStore.open(fixtures, "spatialdata.zarr");
        assertThat(sd.labels()).containsExactly("cells2d", "cells3d");
        assertThat(sd.image("img2d").array().shape()).containsExactly(3, 20, 24);
    }
}
