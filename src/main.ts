import './ui/mediastream-app';
