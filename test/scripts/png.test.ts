/**
 * The comparison `npm run screenshots` uses to decide whether a picture of docs/images/ changed: a small but real
 * change (one more line in a list) must count even when it is a tiny share of the picture, a text cursor must not.
 */
import { compareImages, TILE, type Image } from '../../scripts/browser/png';

const WIDTH = 1440;
const HEIGHT = 900;

function blank(): Image {
	return { width: WIDTH, height: HEIGHT, rgba: new Uint8Array(WIDTH * HEIGHT * 4).fill(255) };
}

/** A copy with a dark rectangle drawn in it. */
function withRectangle(image: Image, x: number, y: number, width: number, height: number): Image {
	const rgba = image.rgba.slice();
	for (let row = y; row < y + height; row++) {
		for (let column = x; column < x + width; column++) rgba.fill(0, (row * WIDTH + column) * 4, (row * WIDTH + column) * 4 + 3);
	}
	return { ...image, rgba };
}

describe('screenshot comparison', () => {
	test('the same picture: nothing differs', () => {
		expect(compareImages(blank(), blank())).toEqual({ sameSize: true, pixels: 0, share: 0, densestTile: 0 });
	});

	test('one more line of text in a list: a tiny share of the picture, but dense in its tiles', () => {
		// About what "OVHcloud API" adds as a new line of a dropdown: 120 × 10 pixels of glyphs, half of them ink.
		let image = blank();
		for (let x = 0; x < 120; x += 2) image = withRectangle(image, 530 + x, 452, 1, 10);
		const difference = compareImages(image, blank());
		expect(difference.share).toBeLessThan(0.002);
		expect(difference.densestTile).toBeGreaterThan(0.25);
	});

	test('a text cursor: thin, so no tile is a quarter different', () => {
		const difference = compareImages(withRectangle(blank(), 700, 300, 2, 18), blank());
		expect(difference.pixels).toBe(36);
		expect(difference.densestTile).toBeLessThanOrEqual((2 * TILE) / (TILE * TILE));
		expect(difference.densestTile).toBeLessThan(0.25);
	});

	test('another size: different', () => {
		expect(compareImages({ width: 10, height: 10, rgba: new Uint8Array(400) }, blank()).sameSize).toBe(false);
	});
});
