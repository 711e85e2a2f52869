/**
 * The elements the app shows after its first paint, in one chunk so that they are defined together: the
 * library panel (the views' bar, the song list, Your music), the queue and the playback speed control.
 */
import './ms-browse';
import './ms-library';
import './ms-playback-speed';
import './ms-queue';
import './ms-your-music';
