package org.vestis.serve.catalogue;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vestis.serve.auth.Accounts;
import org.vestis.serve.auth.Role;
import org.vestis.serve.db.ShopDatabase;

import java.nio.file.Path;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue's queries on an embedded database, without a model: verified only, filters, pages, people's slots. */
class CatalogueTest {
    @TempDir
    Path data;
    ShopDatabase db;
    Jdbi jdbi;
    Catalogue catalogue;
    long seller;
    long batch;
    int photos;

    @BeforeEach
    void open() {
        db = ShopDatabase.open(ShopDatabase.embeddedUrl(data), null, null);
        jdbi = db.jdbi();
        catalogue = new Catalogue(jdbi);
        seller = new Accounts(jdbi).create("sam", Role.SELLER, "password-123".toCharArray()).id();
        batch = jdbi.withHandle(h -> h.createUpdate("INSERT INTO batches(seller_id, created_at) VALUES (:s, :now)")
                .bind("s", seller).bind("now", OffsetDateTime.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A tagged photo; each tag is {person, slot, proposed, colour, verified or null}. */
    long photo(String[]... tags) {
        int n = ++photos;
        long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO photos(seller_id, batch_id, sha256, file_name, media_type, width, "
                        + "height, bytes, status, uploaded_at) VALUES (:s, :b, :sha, 'p.jpg', 'image/jpeg', 10, 10, 100, 'tagged', :now)")
                .bind("s", seller).bind("b", batch).bind("sha", String.format("%064d", n)).bind("now", OffsetDateTime.now())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        for (String[] t : tags) {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO tags(photo_id, person, slot, label, confidence, colour, verified_label) "
                            + "VALUES (:p, :person, :slot, :label, 0.5, :colour, :verified)")
                    .bind("p", id).bind("person", Integer.parseInt(t[0])).bind("slot", t[1]).bind("label", t[2])
                    .bind("colour", t[3]).bind("verified", t[4]).execute());
        }
        return id;
    }

    static String[] item(String label, String colour, String verified) {
        return new String[] {"0", "item", label, colour, verified};
    }

    @Test
    void onlyPhotosWithEveryTagReviewedAreItems() {
        long shirt = photo(item("shirt", "blue", "shirt"));
        long pending = photo(item("pants", "blue", null));
        long half = photo(new String[] {"1", "top", "shirt", "red", "shirt"}, new String[] {"1", "bottom", "pants", "blue", null});
        long untagged = photo();

        assertThat(catalogue.page(Catalogue.Filter.NONE, 1).items()).extracting(Catalogue.Item::id).containsExactly(shirt);
        assertThat(catalogue.item(pending)).isEmpty();
        assertThat(catalogue.item(half)).isEmpty();
        assertThat(catalogue.item(untagged)).isEmpty();
        assertThat(catalogue.labels()).containsExactly("shirt");
        assertThat(catalogue.colours()).containsExactly("blue");
    }

    @Test
    void filtersMatchOneTagWithBothClassAndColour() {
        long blueShirt = photo(item("shirt", "blue", "shirt"));
        long redShirt = photo(item("t-shirt", "red", "shirt")); // corrected: the verified class counts
        long person = photo(new String[] {"1", "top", "shirt", "red", "shirt"}, new String[] {"1", "bottom", "pants", "blue", "pants"},
                new String[] {"1", "headwear", "hat", "green", "none"});

        assertThat(ids(new Catalogue.Filter("shirt", null))).containsExactly(person, redShirt, blueShirt);
        assertThat(ids(new Catalogue.Filter("shirt", "blue"))).containsExactly(blueShirt); // not the person's blue pants
        assertThat(ids(new Catalogue.Filter(null, "blue"))).containsExactly(person, blueShirt);
        assertThat(ids(new Catalogue.Filter("t-shirt", null))).isEmpty(); // the proposal, not what was verified
        assertThat(ids(new Catalogue.Filter(null, "green"))).isEmpty(); // a slot not worn has no colour
        assertThat(ids(new Catalogue.Filter("none", null))).isEmpty();
        assertThat(ids(new Catalogue.Filter(" ", ""))).hasSize(3);
        assertThat(catalogue.labels()).containsExactly("pants", "shirt");
        assertThat(catalogue.colours()).containsExactly("blue", "red");

        Catalogue.Item item = catalogue.item(person).orElseThrow();
        assertThat(item.people()).hasSize(1);
        assertThat(item.people().get(0).slots()).extracting(Catalogue.ItemTag::slot).containsExactly("top", "bottom", "headwear");
        assertThat(item.tags().get(2).colour()).isNull();
        assertThat(item.title()).isEqualTo("shirt, pants");
        assertThat(item.productTags()).isEmpty();
    }

    @Test
    void pagesHoldTwentyFourItemsNewestFirst() {
        long first = 0;
        long last = 0;
        for (int i = 0; i < 30; i++) {
            long id = photo(item("shirt", "blue", "shirt"));
            first = i == 0 ? id : first;
            last = id;
        }
        Catalogue.Page one = catalogue.page(Catalogue.Filter.NONE, 1);
        assertThat(one.items()).hasSize(Catalogue.PAGE_SIZE);
        assertThat(one.items().get(0).id()).isEqualTo(last);
        assertThat(one.total()).isEqualTo(30);
        assertThat(one.pages()).isEqualTo(2);
        assertThat(one.hasNext()).isTrue();
        assertThat(one.hasPrevious()).isFalse();
        Catalogue.Page two = catalogue.page(Catalogue.Filter.NONE, 2);
        assertThat(two.items()).hasSize(6);
        assertThat(two.items().get(5).id()).isEqualTo(first);
        assertThat(two.hasNext()).isFalse();
        assertThat(catalogue.page(Catalogue.Filter.NONE, 7).page()).isEqualTo(2);
        assertThat(catalogue.page(new Catalogue.Filter("dress", null), 3).page()).isEqualTo(1);
    }

    private java.util.List<Long> ids(Catalogue.Filter f) {
        return catalogue.page(f, 1).items().stream().map(Catalogue.Item::id).toList();
    }
}
