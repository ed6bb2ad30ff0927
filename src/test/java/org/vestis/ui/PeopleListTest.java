package org.vestis.ui;

import org.junit.jupiter.api.Test;
import org.vestis.model.Prediction;
import org.vestis.video.Box;
import org.vestis.video.Detection;
import org.vestis.video.FrameResult;
import org.vestis.video.TrackResult;
import org.vestis.video.GarmentSlot;
import org.vestis.video.PersonGarments;
import org.vestis.video.RegionSource;
import org.vestis.video.SlotReading;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PeopleListTest {
    private static final Detection PERSON = new Detection(new Box(0, 0, 10, 30), 0.9, "person");

    @Test
    void listsConfirmedPeopleWithWhatTheyWear() {
        PersonGarments dressed = new PersonGarments(RegionSource.LANDMARKS, Map.of(
                GarmentSlot.TOP, new SlotReading("t-shirt", 0.8, "red"),
                GarmentSlot.BOTTOM, new SlotReading("pants", 0.9, "blue")));
        TrackResult seen = new TrackResult(3, true, PERSON, 0.5, null, null, dressed);
        TrackResult notYet = new TrackResult(4, true, PERSON, 0.5, null, null, PersonGarments.unseen());
        TrackResult tentative = new TrackResult(5, false, PERSON, 0.5, null, null, dressed);
        PeopleList list = new PeopleList();
        list.show(new FrameResult(0, 0, 100, 100, List.of(seen, notYet, tentative), 0, 0));
        assertThat(list.getModel().getSize()).isEqualTo(2);
        assertThat(list.getModel().getElementAt(0)).isEqualTo("#3 red t-shirt · blue pants");
        assertThat(list.getModel().getElementAt(1)).isEqualTo("#4 (not seen well yet)");
        list.show(new FrameResult(1, 0.1, 100, 100, List.of(), 0, 0));
        assertThat(list.getModel().getSize()).isZero();
    }

    @Test
    void otherModelsShowEachTracksSmoothedLabel() {
        Prediction shirt = Prediction.of(new float[]{0.2f, 0.8f}, List.of("dress", "shirt"), 1);
        assertThat(PeopleList.line(new TrackResult(7, true, PERSON, 0.5, shirt, shirt))).isEqualTo("#7 shirt");
    }
}
