/**
 * Comparing screenshots by what they show, not by their bytes: the same picture encoded twice (another zlib,
 * another Chromium) differs in bytes, and a blinking cursor or an anti-aliasing change differs in a few pixels.
 * A minimal PNG decoder (8-bit greyscale, RGB, palette, grey+alpha, RGBA; not interlaced, which is what
 * Chromium writes) with node:zlib, and a pixel comparison with a tolerance.
 */
import { inflateSync } from 'node:zlib';

export interface Image {
	width: number;
	height: number;
	/** RGBA, 4 bytes a pixel. */
	rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function paeth(left: number, up: number, upLeft: number): number {
	const estimate = left + up - upLeft;
	const toLeft = Math.abs(estimate - left);
	const toUp = Math.abs(estimate - up);
	const toUpLeft = Math.abs(estimate - upLeft);
	if (toLeft <= toUp && toLeft <= toUpLeft) return left;
	return toUp <= toUpLeft ? up : upLeft;
}

export function decodePng(file: Buffer): Image {
	if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
	let width = 0;
	let height = 0;
	let depth = 0;
	let colorType = 0;
	let interlace = 0;
	let palette: Buffer | undefined;
	let transparency: Buffer | undefined;
	const data: Buffer[] = [];
	for (let offset = 8; offset < file.length; ) {
		const length = file.readUInt32BE(offset);
		const type = file.toString('ascii', offset + 4, offset + 8);
		const chunk = file.subarray(offset + 8, offset + 8 + length);
		if (type === 'IHDR') {
			width = chunk.readUInt32BE(0);
			height = chunk.readUInt32BE(4);
			depth = chunk[8];
			colorType = chunk[9];
			interlace = chunk[12];
		} else if (type === 'PLTE') palette = chunk;
		else if (type === 'tRNS') transparency = chunk;
		else if (type === 'IDAT') data.push(chunk);
		else if (type === 'IEND') break;
		offset += 12 + length;
	}
	const channels = CHANNELS[colorType];
	if (depth !== 8 || !channels || interlace !== 0) {
		throw new Error(`unsupported PNG (bit depth ${depth}, color type ${colorType}, interlace ${interlace})`);
	}
	const raw = inflateSync(Buffer.concat(data));
	const stride = width * channels;
	const pixels = Buffer.alloc(stride * height);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
		const out = pixels.subarray(y * stride, (y + 1) * stride);
		const previous = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : undefined;
		for (let x = 0; x < stride; x++) {
			const left = x >= channels ? out[x - channels] : 0;
			const up = previous ? previous[x] : 0;
			const upLeft = previous && x >= channels ? previous[x - channels] : 0;
			const value = line[x];
			out[x] =
				filter === 0
					? value
					: filter === 1
						? value + left
						: filter === 2
							? value + up
							: filter === 3
								? value + ((left + up) >> 1)
								: value + paeth(left, up, upLeft);
		}
	}
	const rgba = new Uint8Array(width * height * 4);
	for (let index = 0; index < width * height; index++) {
		const at = index * channels;
		let r: number;
		let g: number;
		let b: number;
		let a = 255;
		if (colorType === 3) {
			const entry = pixels[at];
			r = palette?.[entry * 3] ?? 0;
			g = palette?.[entry * 3 + 1] ?? 0;
			b = palette?.[entry * 3 + 2] ?? 0;
			a = transparency?.[entry] ?? 255;
		} else if (colorType === 0 || colorType === 4) {
			r = g = b = pixels[at];
			if (colorType === 4) a = pixels[at + 1];
		} else {
			r = pixels[at];
			g = pixels[at + 1];
			b = pixels[at + 2];
			if (colorType === 6) a = pixels[at + 3];
		}
		rgba.set([r, g, b, a], index * 4);
	}
	return { width, height, rgba };
}

export interface Difference {
	/** False when the sizes differ (then nothing else is compared). */
	sameSize: boolean;
	/** Pixels where a channel differs by more than the tolerance. */
	pixels: number;
	/** Those pixels as a share of all, 0 to 1. */
	share: number;
	/**
	 * The share of differing pixels in the square tile (TILE × TILE pixels) where they are densest, 0 to 1. A small
	 * but real change (one more line in a list, other text in a field) is a small share of the whole picture but
	 * fills its tiles; a blinking cursor or anti-aliasing is thin and fills none.
	 */
	densestTile: number;
}

/** The side of the tiles of `densestTile`, in pixels. */
export const TILE = 16;

/** Pixels whose channels differ by more than `channelTolerance` (0-255). */
export function compareImages(a: Image, b: Image, channelTolerance = 32): Difference {
	if (a.width !== b.width || a.height !== b.height) return { sameSize: false, pixels: a.width * a.height, share: 1, densestTile: 1 };
	const columns = Math.ceil(a.width / TILE);
	const tiles = new Uint32Array(columns * Math.ceil(a.height / TILE));
	let pixels = 0;
	for (let index = 0; index < a.rgba.length; index += 4) {
		for (let channel = 0; channel < 4; channel++) {
			if (Math.abs(a.rgba[index + channel] - b.rgba[index + channel]) > channelTolerance) {
				pixels++;
				const pixel = index / 4;
				tiles[Math.floor(pixel / a.width / TILE) * columns + Math.floor((pixel % a.width) / TILE)]++;
				break;
			}
		}
	}
	let densest = 0;
	for (const count of tiles) densest = Math.max(densest, count);
	return { sameSize: true, pixels, share: pixels / (a.width * a.height), densestTile: densest / (TILE * TILE) };
}
