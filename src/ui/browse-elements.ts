/** What the app loads after its first paint (or before it, on a view other than Songs): browsing and playback speed. */
import './ms-browse';
import './ms-playback-speed';
